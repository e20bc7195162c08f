/**
 * The prizes of a clean-up action (opruimactie) over real HTTP on a database file: the
 * participant who counted the most, all units together and net of corrections (what staff
 * entered counts for no participant), by the same rule and figure as the standings; and
 * the street where the most gardens were helped. Names only with consent; equal figures
 * share a place; the other kinds' prizes are refused in Dutch that names both kinds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign } from '../../server/src/modules/campaign/campaign.service.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createParticipantInvite } from '../../server/src/modules/participant/participant-invite.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';

const PRIZES = 'query($id: ID!) { campaignPrizes(campaignId: $id) { available prizes { category unit unknownReason winners { place tied name isPseudonym figure areaM2 } } } }';
const SET_PRIZES = 'mutation($input: SetCampaignPrizesInput!) { setCampaignPrizes(input: $input) { prizes { category } } }';

describe('prizes of a clean-up action', () => {
  let fx: AccessFixture;
  let cleanup: Campaign;
  let dayId: string;
  let streets: { id: string; name: string }[];
  const db = () => fx.t.app.connection.db;
  const admin = () => fx.asViewer('admin');

  async function join(displayName: string, named: boolean) {
    const invite = await createParticipantInvite(db(), admin(), { campaignId: cleanup.id, requestId: 't' });
    const { body } = await fx.query('anonymous', 'mutation($input: JoinCampaignInput!) { joinCampaign(input: $input) { participant { id pseudonym } } }', {
      input: { code: invite.code, displayName, contactConsent: false, showNameInRankings: named },
    });
    const { id, pseudonym } = body.data.joinCampaign.participant;
    return { pseudonym: pseudonym as string, viewer: { kind: 'participant', participantId: id, campaignId: cleanup.id } as Viewer };
  }
  const count = (viewer: Viewer, street: number, unitCode: UnitCode, n: number) =>
    db()
      .transaction()
      .execute((trx) => recordTallyEvent(trx, viewer, { id: uuidv7(), campaignId: cleanup.id, actionDayId: dayId, streetId: streets[street]!.id, houseNumber: '1', unitCode, count: n }));

  let bram: Awaited<ReturnType<typeof join>>;

  beforeAll(async () => {
    fx = await accessFixture();
    streets = (await allStreets(db(), fx.neighbourhoodA)).slice(0, 3).map((s) => ({ id: s.id, name: s.name }));
    const draft = await createCampaign(db(), admin(), { neighbourhoodId: fx.neighbourhoodA, kind: 'OPRUIMEN', name: 'Opruimen met prijzen', days: [{ date: '2027-03-13' }], requestId: 't' });
    cleanup = await changeCampaignStatus(db(), admin(), { campaignId: draft.id, status: 'OPEN', requestId: 't' });
    dayId = (await daysOfCampaigns(db(), [cleanup.id]))[0]!.id;
    const anna = await join('Anna', true);
    bram = await join('Bram', false);
    const cor = await join('Cor', true);
    // Counted: Bram 16 (12 + 2 + 3 − 1), Anna 3 in three entries, Cor 3 in one (his 5 were taken back completely).
    await count(anna.viewer, 0, 'ZAK_ZWERFVUIL', 1);
    await count(anna.viewer, 0, 'TUIN_GEHOLPEN', 1);
    await count(anna.viewer, 1, 'TUIN_GEHOLPEN', 1);
    await count(bram.viewer, 1, 'GROFVUIL', 12);
    await count(bram.viewer, 1, 'TUIN_GEHOLPEN', 2);
    const partly = await count(bram.viewer, 2, 'TUIN_GEHOLPEN', 3);
    await db().transaction().execute((trx) => correctTallyEvent(trx, bram.viewer, { id: uuidv7(), correctsEventId: partly.id, count: 1 }));
    await count(cor.viewer, 2, 'ZAK_TUINAFVAL', 3);
    const mistake = await count(cor.viewer, 0, 'TUIN_GEHOLPEN', 5);
    await db().transaction().execute((trx) => correctTallyEvent(trx, cor.viewer, { id: uuidv7(), correctsEventId: mistake.id, count: 5 }));
    // The coordinator helped four gardens in street 0: the street's, no participant's.
    await count(admin(), 0, 'TUIN_GEHOLPEN', 4);
  });
  afterAll(() => fx.t.close());

  it('offers the clean-up prizes and refuses the other kinds\' prizes, naming both kinds', async () => {
    const { body } = await fx.query('coordinator', PRIZES, { id: cleanup.id });
    expect(body.data.campaignPrizes.available).toEqual(['MOST_COUNTED_BY_PARTICIPANT', 'MOST_GARDENS_HELPED_BY_STREET']);
    const wrong = await fx.query('coordinator', SET_PRIZES, { input: { campaignId: cleanup.id, categories: ['MOST_AREA_BY_PARTICIPANT'] } });
    expect(wrong.body.errors[0]).toMatchObject({ message: 'Deze prijs hoort bij tegelwippen, niet bij een opruimactie.', extensions: { code: 'BAD_USER_INPUT' } });
    const onTegelwip = await fx.query('coordinator', SET_PRIZES, { input: { campaignId: fx.campaignA.id, categories: ['MOST_COUNTED_BY_PARTICIPANT'] } });
    expect(onTegelwip.body.errors[0].message).toBe('Deze prijs hoort bij een opruimactie, niet bij tegelwippen.');
  });

  it('proposes the participant who counted the most, as the standings rank them, and the street with the most gardens helped', async () => {
    const set = await fx.query('coordinator', SET_PRIZES, { input: { campaignId: cleanup.id, categories: ['MOST_GARDENS_HELPED_BY_STREET', 'MOST_COUNTED_BY_PARTICIPANT'] } });
    expect(set.body.errors).toBeUndefined();
    const { body } = await fx.query('coordinator', PRIZES, { id: cleanup.id });
    const [counted, gardens] = body.data.campaignPrizes.prizes;
    expect(counted).toMatchObject({ category: 'MOST_COUNTED_BY_PARTICIPANT', unit: 'COUNTED', unknownReason: null });
    // Not the most entries (Anna's three): the most counted. Anna and Cor share the second place.
    expect(counted.winners).toEqual([
      { place: 1, tied: false, name: bram.pseudonym, isPseudonym: true, figure: 16, areaM2: null },
      { place: 2, tied: true, name: 'Anna', isPseudonym: false, figure: 3, areaM2: null },
      { place: 2, tied: true, name: 'Cor', isPseudonym: false, figure: 3, areaM2: null },
    ]);
    // The standings (dashboard and counter screen) rank by the same figure and places.
    const standings = await fx.query('coordinator', 'query($id: ID!) { tallyDashboard(campaignId: $id) { topParticipants { rank name total { quantity } } } }', { id: cleanup.id });
    expect(standings.body.data.tallyDashboard.topParticipants.map((p: { rank: number; name: string; total: { quantity: number } }) => [p.rank, p.name, p.total.quantity])).toEqual(
      counted.winners.map((w: { place: number; name: string; figure: number }) => [w.place, w.name, w.figure]),
    );
    // Gardens helped: street 0 has 1 + 4 (Cor's 5 went back to nothing), street 1 has 1 + 2, street 2 has 3 − 1.
    expect(gardens).toMatchObject({ category: 'MOST_GARDENS_HELPED_BY_STREET', unit: 'GARDENS_HELPED' });
    expect(gardens.winners).toEqual([
      { place: 1, tied: false, name: streets[0]!.name, isPseudonym: false, figure: 5, areaM2: null },
      { place: 2, tied: false, name: streets[1]!.name, isPseudonym: false, figure: 3, areaM2: null },
      { place: 3, tied: false, name: streets[2]!.name, isPseudonym: false, figure: 2, areaM2: null },
    ]);
    expect(JSON.stringify(body)).not.toContain('Bram');
  });
});

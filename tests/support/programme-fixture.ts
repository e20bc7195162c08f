/**
 * A neighbourhood of its own inside an access fixture's app, with its own coordinator, to
 * give the programme's results a history: campaigns in chosen years, participants, sign-ups,
 * counted tiles and clean-up units, findings moved on at chosen times, schouw answers, and questionnaires
 * with their responses (by the app and by the public link). Everything goes
 * through the services (or, for participants and sign-ups, the rows those services write),
 * with the clock passed in, so a test knows every figure to expect.
 */
import { v7 as uuidv7 } from 'uuid';
import { hashSecret, inviteCode, pseudonymFor, randomToken } from '../../server/src/auth/tokens.js';
import type { Viewer } from '../../server/src/auth/viewer.js';
import type { Db } from '../../server/src/db/database.js';
import type { UnitChoice } from '../../server/src/modules/campaign/campaign-unit-rules.js';
import { changeCampaignStatus, createCampaign, daysOfCampaigns, type Campaign, type CampaignKind } from '../../server/src/modules/campaign/campaign.service.js';
import { changeFindingStatus, recordFinding } from '../../server/src/modules/finding/finding.service.js';
import type { FindingStatus } from '../../server/src/modules/finding/finding.table.js';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { createNeighbourhood } from '../../server/src/modules/neighbourhood/neighbourhood.service.js';
import { recordObservation } from '../../server/src/modules/observation/observation.service.js';
import { insertInvite, insertParticipant } from '../../server/src/modules/participant/participant.repo.js';
import { blankSignupRow, insertSignup } from '../../server/src/modules/signup/signup.repo.js';
import { answerQuestionnaire, publishQuestionnaire, setCampaignQuestionnaire, type Questionnaire } from '../../server/src/modules/questionnaire/questionnaire.service.js';
import { createSpot } from '../../server/src/modules/spot/spot.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
import type { Rating } from '@buurtkracht/protocol/rating-scale';
import type { AnswerValue, QuestionType } from '@buurtkracht/protocol/questionnaire';
import type { AccessFixture } from './access-fixtures.js';

let made = 0;

/** The rating items of the demo checklist that a PARK answers, by theme. */
const PARK_ITEMS = {
  GROEN_ONDERHOUD: 'Hoe ziet het groen eruit (gemaaid, gesnoeid, geen onkruid)?',
  SCHOON: 'Hoe schoon is het (afval, zwerfvuil, hondenpoep)?',
  HEEL: 'In welke staat zijn de bestrating en de paden?',
} as const;
export type ParkTheme = keyof typeof PARK_ITEMS;

export async function programmeNeighbourhood(fx: AccessFixture, streetCount = 2) {
  const db: Db = fx.t.app.connection.db;
  const n = ++made;
  const neighbourhood = await db.transaction().execute((trx) =>
    createNeighbourhood(trx, { slug: `programmabuurt-${n}`, name: `Programmabuurt ${n}`, municipality: 'Alblasserdam', streets: Array.from({ length: streetCount }, (_, i) => ({ name: `Straat ${i + 1}` })) }),
  );
  const staff = await fx.makeStaff('COORDINATOR', [neighbourhood.id]);
  const coordinator: Viewer & { kind: 'staff' } = { kind: 'staff', accountId: staff.id, role: 'COORDINATOR', organisationId: null, neighbourhoodIds: [neighbourhood.id], sessionHash: '' };
  const streets = (await allStreets(db, neighbourhood.id)).map((s) => s.id);
  const park = await createSpot(db, coordinator, neighbourhood.id, { streetId: streets[0]!, type: 'PARK', name: `Park ${n}` });
  const items = fx.checklist.sections.flatMap((s) => s.items);
  const itemOf = (theme: ParkTheme) => items.find((i) => i.prompt === PARK_ITEMS[theme])!.id;

  return {
    db,
    neighbourhoodId: neighbourhood.id,
    slug: neighbourhood.slug,
    coordinator,
    headers: staff.headers,
    streets,

    /** A campaign made at `createdAt` with these days (and, for a clean-up, these units), opened (unless `draft`). */
    async campaign(kind: CampaignKind, name: string, options: { days?: string[]; createdAt: string; targetAreaM2?: number; units?: UnitChoice[]; draft?: boolean }) {
      const draft = await createCampaign(
        db,
        coordinator,
        {
          neighbourhoodId: neighbourhood.id,
          kind,
          name,
          days: (options.days ?? []).map((date) => ({ date })),
          targetAreaM2: kind === 'TEGELWIPPEN' ? (options.targetAreaM2 ?? null) : null,
          checklistVersionId: kind === 'SCHOUW' ? fx.checklist.id : null,
          units: options.units ?? null,
          requestId: 't',
        },
        new Date(options.createdAt),
      );
      const campaign = options.draft ? draft : await changeCampaignStatus(db, coordinator, { campaignId: draft.id, status: 'OPEN', requestId: 't' }, new Date(options.createdAt));
      const dayIds = (await daysOfCampaigns(db, [campaign.id])).map((d) => d.id);
      return { ...campaign, dayIds };
    },

    async close(campaign: Campaign, at: string) {
      await changeCampaignStatus(db, coordinator, { campaignId: campaign.id, status: 'CLOSED', requestId: 't' }, new Date(at));
    },

    /** Participant rows as joining writes them; returns their viewers. */
    async participants(campaign: Campaign, count: number): Promise<(Viewer & { kind: 'participant' })[]> {
      const inviteId = uuidv7();
      const at = new Date().toISOString();
      await insertInvite(db, { id: inviteId, campaign_id: campaign.id, code: inviteCode(), label: null, created_by: coordinator.accountId, created_at: at, expires_at: null, max_uses: null, use_count: count, revoked_at: null });
      const viewers: (Viewer & { kind: 'participant' })[] = [];
      for (let i = 0; i < count; i++) {
        const id = uuidv7();
        await insertParticipant(db, { id, campaign_id: campaign.id, invite_id: inviteId, token_hash: hashSecret(randomToken(32)), display_name: `Deelnemer ${i}`, contact: null, contact_consent_at: null, pseudonym: pseudonymFor(id), show_name_in_rankings: 0, joined_at: at, revoked_at: null, erased_at: null });
        viewers.push({ kind: 'participant', participantId: id, campaignId: campaign.id });
      }
      return viewers;
    },

    async signup(campaign: Campaign, street: number | null, houseNumber: string | null, cancelled = false) {
      const at = new Date().toISOString();
      await insertSignup(db, blankSignupRow(at, { campaign_id: campaign.id, token_hash: hashSecret(randomToken(32)), display_name: 'Aanmelder', street_id: street === null ? null : streets[street]!, house_number: houseNumber, cancelled_at: cancelled ? at : null }));
    },

    /** Counts tiles (or a clean-up's bags, items, gardens) as the coordinator; returns the event's id. */
    async tally(campaign: Campaign & { dayIds: string[] }, street: number, houseNumber: string | null, unitCode: UnitCode, count: number, origin: TileOrigin | null = null): Promise<string> {
      const event = await db.transaction().execute((trx) => recordTallyEvent(trx, coordinator, { id: uuidv7(), campaignId: campaign.id, actionDayId: campaign.dayIds[0]!, streetId: streets[street]!, houseNumber, unitCode, count, origin }));
      return event.id;
    },

    async correct(eventId: string, count: number) {
      await db.transaction().execute((trx) => correctTallyEvent(trx, coordinator, { id: uuidv7(), correctsEventId: eventId, count }));
    },

    /** A finding the server had at `at`, then moved through `steps` ([status, time]). */
    async finding(campaign: Campaign, at: string, steps: [FindingStatus, string][] = []) {
      const finding = await db.transaction().execute((trx) => recordFinding(trx, coordinator, { id: uuidv7(), campaignId: campaign.id, category: 'HEEL', spotId: park.id, text: 'Losse tegels op het pad', deviceTime: at }, new Date(at)));
      for (const [status, when] of steps) await changeFindingStatus(db, coordinator, { findingId: finding.id, status, publicMessage: 'De gemeente is op de hoogte gebracht.', requestId: 't' }, new Date(when));
      return finding.id;
    },

    /** One walker's answer about the park. */
    async answer(campaign: Campaign, walker: Viewer, theme: ParkTheme, rating: Rating, at: string) {
      await db.transaction().execute((trx) => recordObservation(trx, walker, { id: uuidv7(), campaignId: campaign.id, spotId: park.id, checklistItemId: itemOf(theme), rating, deviceTime: at }, new Date(at)));
    },

    /** A questionnaire with questions of these types, published and set on the campaign at `at` (before its first day: it is fixed once open). */
    async questionnaire(campaign: Campaign, types: QuestionType[], at: string): Promise<Questionnaire> {
      const questions = types.map((type, i) => ({ prompt: `Vraag ${i + 1}`, type, choices: type === 'CHOICE' ? ['Krant', 'Buren'] : [] }));
      const questionnaire = await publishQuestionnaire(db, coordinator, { name: `Vragenlijst ${campaign.name}`, asksToLink: false, questions }, new Date(at));
      await setCampaignQuestionnaire(db, coordinator, { campaignId: campaign.id, questionnaireId: questionnaire.id, requestId: 't' }, new Date(at));
      return questionnaire;
    },

    /**
     * One response at `at`: the answers in question order, null leaving that question out.
     * By the app for a participant of the campaign, otherwise by the public link.
     */
    async respond(campaign: Campaign, questionnaire: Questionnaire, values: (AnswerValue | null)[], at: string, participant?: Viewer) {
      const answers = values.flatMap((value, i) => (value === null ? [] : [{ questionId: questionnaire.questions[i]!.id, value }]));
      await answerQuestionnaire(db, participant ?? coordinator, { id: uuidv7(), campaignId: campaign.id, questionnaireId: questionnaire.id, answers }, new Date(at));
    },
  };
}

export type ProgrammeNeighbourhood = Awaited<ReturnType<typeof programmeNeighbourhood>>;

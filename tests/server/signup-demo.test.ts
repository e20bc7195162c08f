/**
 * The demo seed's sign-ups, as `npm start` makes them on a fresh database file: the three
 * demo campaigns take sign-ups, their dates have a capacity, and today's action day and walk
 * have demo sign-ups the planning, the pickup list and the teams can show. The demo
 * clean-up action counts its four units with targets, names streets per day, and has
 * today's first counts on its dashboard, its public page and its HVC pickup list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthSettings } from '../../server/src/auth/auth-settings.js';
import { startSession } from '../../server/src/modules/account/session.service.js';
import { DEMO_COORDINATOR_EMAIL } from '../../server/src/seed/demo-seed.js';
import { graphql, startTestApp, type TestApp } from '../support/test-app.js';

describe('demo sign-ups', () => {
  let t: TestApp;
  let coordinator: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    const account = await t.app.connection.db.selectFrom('staff_account').select('id').where('email', '=', DEMO_COORDINATOR_EMAIL).executeTakeFirstOrThrow();
    coordinator = { cookie: `bk_session=${await startSession(t.app.connection.db, account.id, createAuthSettings(t.config))}` };
  });
  afterAll(() => t?.close());

  const PLANNING = 'query($dayId: ID!) { dayPlanning(dayId: $dayId) { capacity confirmedCount waitingCount helpRequests pickupRequests confirmed { displayName walkerKind organisation } tools { tool { name } requested } streets { street { name } signups lat lon } } }';

  it('opens the demo campaigns for sign-up with capacities, and fills the first dates with demo people', async () => {
    const { body } = await graphql(t.url, '{ campaigns { edges { node { id kind signupOpen days { id capacity } } } } }', undefined, coordinator);
    const demo = body.data.campaigns.edges.map((e: any) => e.node).filter((c: any) => c.signupOpen);
    expect(demo.map((c: any) => c.kind).sort()).toEqual(['OPRUIMEN', 'SCHOUW', 'TEGELWIPPEN']);
    for (const campaign of demo) {
      expect(campaign.days.every((d: { capacity: number | null }) => d.capacity !== null)).toBe(true);
      const form = await graphql(t.url, 'query($id: ID!) { signupForm(campaignId: $id) { days { id full } } }', { id: campaign.id });
      expect(form.body.data.signupForm.days.length).toBeGreaterThan(0);
    }
    const tegelwip = demo.find((c: any) => c.kind === 'TEGELWIPPEN');
    const action = (await graphql(t.url, PLANNING, { dayId: tegelwip.days[0].id }, coordinator)).body.data.dayPlanning;
    expect(action).toMatchObject({ capacity: 12, confirmedCount: 5, waitingCount: 0, helpRequests: 2, pickupRequests: 4 });
    expect(action.confirmed.every((s: { displayName: string }) => s.displayName.endsWith('(demo)'))).toBe(true);
    expect(action.tools.find((x: { tool: { name: string } }) => x.tool.name === 'bigbag').requested).toBe(5);
    expect(action.streets.some((s: { lat: number | null }) => s.lat !== null)).toBe(true);
    const pickup = await graphql(t.url, 'query($dayId: ID!) { pickupList(dayId: $dayId) { houseNumber wantsPickup } }', { dayId: tegelwip.days[0].id }, coordinator);
    expect(pickup.body.data.pickupList).toHaveLength(5);

    const schouw = demo.find((c: any) => c.kind === 'SCHOUW');
    const walk = (await graphql(t.url, PLANNING, { dayId: schouw.days[0].id }, coordinator)).body.data.dayPlanning;
    expect(walk.confirmedCount).toBe(6);
    expect(walk.confirmed.filter((s: { walkerKind: string }) => s.walkerKind === 'PROFESSIONAL').map((s: { organisation: string }) => s.organisation)).toEqual(['Woonkracht10', 'Gemeente Alblasserdam – Beheer & Onderhoud']);
  });
  it('seeds an open clean-up action: four units with targets, streets per day, public progress, and counts of today written through the ledger', async () => {
    const { body } = await graphql(t.url, '{ campaigns { edges { node { id kind name status publicProgress units { code target } days { id date label streets { name } } } } } }', undefined, coordinator);
    const cleanup = body.data.campaigns.edges.map((e: any) => e.node).find((c: any) => c.kind === 'OPRUIMEN');
    expect(cleanup).toMatchObject({ name: expect.stringMatching(/^Opruimactie \d{4} \(demo\)$/), status: 'OPEN', publicProgress: true });
    expect(cleanup.units).toEqual([
      { code: 'ZAK_ZWERFVUIL', target: 60 },
      { code: 'ZAK_TUINAFVAL', target: 80 },
      { code: 'GROFVUIL', target: 40 },
      { code: 'TUIN_GEHOLPEN', target: 25 },
    ]);
    expect(cleanup.days.map((d: any) => d.streets.map((s: { name: string }) => s.name))).toEqual([
      ['Troelstrastraat', 'Johan de Wittstraat'],
      ['Van Hoogendorpweg'],
      ['Groen van Prinstererstraat', 'Van Oldenbarneveldstraat'],
    ]);
    const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
    expect(cleanup.days[0].date).toBe(today);

    // The public page, without signing in: the net counts per unit (3 bulky items at 31, 2 taken back).
    const progress = await graphql(t.url, 'query($id: ID!) { publicProgress(campaignId: $id) { kind units { unit { code } quantity progressPercent } } }', { id: cleanup.id });
    expect(progress.body.errors).toBeUndefined();
    expect(progress.body.data.publicProgress.kind).toBe('OPRUIMEN');
    expect(progress.body.data.publicProgress.units.map((u: any) => [u.unit.code, u.quantity])).toEqual([
      ['ZAK_ZWERFVUIL', 6],
      ['ZAK_TUINAFVAL', 5],
      ['GROFVUIL', 4],
      ['TUIN_GEHOLPEN', 2],
    ]);
    // The events are the ledger's own, with their rollups: the raw ledger adds up to the same.
    const ledger = await t.app.connection.db.selectFrom('tally_event').select(['unit_code', 'count']).where('campaign_id', '=', cleanup.id).execute();
    expect(ledger.filter((e) => e.unit_code === 'GROFVUIL').reduce((n, e) => n + e.count, 0)).toBe(4);

    const hvc = await graphql(t.url, 'query($c: ID!, $d: ID!) { hvcPickupList(campaignId: $c, dayId: $d) { rows { streetName houseNumber items { unit quantity } } } }', { c: cleanup.id, d: cleanup.days[0].id }, coordinator);
    expect(hvc.body.errors).toBeUndefined();
    expect(hvc.body.data.hvcPickupList.rows).toEqual([
      { streetName: 'Johan de Wittstraat', houseNumber: '14', items: [{ unit: 'GROFVUIL', quantity: 1 }] },
      { streetName: 'Johan de Wittstraat', houseNumber: '31', items: [{ unit: 'GROFVUIL', quantity: 1 }] },
      { streetName: 'Troelstrastraat', houseNumber: '8', items: [{ unit: 'GROFVUIL', quantity: 2 }] },
    ]);
  });
});

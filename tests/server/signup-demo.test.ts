/**
 * The demo seed's sign-ups, as `npm start` makes them on a fresh database file: both demo
 * campaigns take sign-ups, their dates have a capacity, and today's action day and walk
 * have demo sign-ups the planning, the pickup list and the teams can show.
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

  it('opens both demo campaigns for sign-up with capacities, and fills the first dates with demo people', async () => {
    const { body } = await graphql(t.url, '{ campaigns { edges { node { id kind signupOpen days { id capacity } } } } }', undefined, coordinator);
    const demo = body.data.campaigns.edges.map((e: any) => e.node).filter((c: any) => c.signupOpen);
    expect(demo.map((c: any) => c.kind).sort()).toEqual(['SCHOUW', 'TEGELWIPPEN']);
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
});

/**
 * Two app instances on one database (the scale path: several instances behind a load
 * balancer, on PostgreSQL; here also on one SQLite file, which two processes may share).
 * Phones send every batch to both instances at the same moment, as a retry through another
 * instance would: each entry is applied exactly once, the other answer is the stored one,
 * and the totals both instances show are exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allStreets } from '../../server/src/modules/neighbourhood/neighbourhood.repo.js';
import { accessFixture, type AccessFixture } from '../support/access-fixtures.js';
import { SYNC, TestDevice, type OutboxEntry } from '../support/sync-client.js';
import { databaseFile, graphql, startTestApp, type TestApp } from '../support/test-app.js';

const PHONES = 6;
const ENTRIES_PER_PHONE = 60;
const BATCH = 10;
/** TEGEL_30X30 */
const TILE_CM2 = 900;

const DASHBOARD = 'query($id: ID!) { tallyDashboard(campaignId: $id) { total { areaCm2 entries } streets { streetId total { areaCm2 } } } }';

describe('two app instances on one database', () => {
  const file = databaseFile();
  let fx: AccessFixture;
  let second: TestApp;
  beforeAll(async () => {
    fx = await accessFixture(file.env);
    second = await startTestApp(file.env);
  });
  afterAll(async () => {
    await second?.close();
    await fx?.t.close();
    file.remove();
  });

  it('applies every entry once when each batch reaches both at the same time, and both show the exact totals', async () => {
    const instances = [fx.t.url, second.url];
    const streets = (await allStreets(fx.t.app.connection.db, fx.neighbourhoodA)).slice(0, 3).map((s) => s.id);
    const phones = await Promise.all(
      Array.from({ length: PHONES }, async () => {
        const device = new TestDevice();
        const { headers } = await fx.makeParticipant(fx.campaignA);
        const entries = Array.from({ length: ENTRIES_PER_PHONE }, (_, i) => ({ entry: device.tally(fx.campaignA.id, fx.dayA, streets[i % streets.length]!, (i % 5) + 1), street: streets[i % streets.length]!, count: (i % 5) + 1 }));
        return { device, headers, entries };
      }),
    );
    const push = (url: string, phone: (typeof phones)[number], mutations: OutboxEntry[]) => graphql(url, SYNC, phone.device.input(mutations), phone.headers);

    // Every phone at once; each batch to both instances at once, the next after both answered.
    const statuses = await Promise.all(
      phones.map(async (phone) => {
        const seen: string[][] = [];
        for (let start = 0; start < ENTRIES_PER_PHONE; start += BATCH) {
          const mutations = phone.entries.slice(start, start + BATCH).map((e) => e.entry);
          const answers = await Promise.all(instances.map((url) => push(url, phone, mutations)));
          for (const { body } of answers) expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
          const [a, b] = answers.map(({ body }) => body.data.sync.results as { mutationId: string; status: string; entityId: string }[]);
          mutations.forEach((m, i) => {
            // One instance applied it; the other answered with what that one stored.
            seen.push([a![i]!.status, b![i]!.status].sort());
            expect(a![i]!.mutationId).toBe(m.mutationId);
            expect(a![i]!.entityId).toBe(b![i]!.entityId);
          });
        }
        return seen;
      }),
    );
    expect(statuses.flat().every(([x, y]) => x === 'APPLIED' && y === 'DUPLICATE')).toBe(true);
    expect(statuses.flat()).toHaveLength(PHONES * ENTRIES_PER_PHONE);

    // Sent once more, all of it, through either instance: nothing new.
    const again = await Promise.all(phones.map((phone, p) => push(instances[p % 2]!, phone, phone.entries.map((e) => e.entry))));
    for (const { body } of again) expect(body.data.sync.results.every((r: { status: string }) => r.status === 'DUPLICATE')).toBe(true);

    const all = phones.flatMap((phone) => phone.entries);
    const area = (rows: typeof all) => rows.reduce((sum, e) => sum + e.count * TILE_CM2, 0);
    for (const url of instances) {
      const { body } = await graphql(url, DASHBOARD, { id: fx.campaignA.id }, fx.headers.coordinator);
      const dashboard = body.data.tallyDashboard;
      expect(dashboard.total).toEqual({ areaCm2: area(all), entries: all.length });
      for (const street of streets) expect(dashboard.streets.find((s: { streetId: string }) => s.streetId === street).total.areaCm2).toBe(area(all.filter((e) => e.street === street)));
    }
    const db = fx.t.app.connection.db;
    const events = await db.selectFrom('tally_event').select((eb) => eb.fn.countAll().as('n')).where('campaign_id', '=', fx.campaignA.id).executeTakeFirstOrThrow();
    const mutations = await db.selectFrom('sync_mutation').select((eb) => eb.fn.countAll().as('n')).where('device_id', 'in', phones.map((p) => p.device.id)).executeTakeFirstOrThrow();
    expect([Number(events.n), Number(mutations.n)]).toEqual([all.length, all.length]);
    const devices = await db.selectFrom('sync_device').select(['id', 'last_seq']).where('id', 'in', phones.map((p) => p.device.id)).execute();
    expect(devices.map((d) => d.last_seq)).toEqual(phones.map(() => ENTRIES_PER_PHONE));
  });
});

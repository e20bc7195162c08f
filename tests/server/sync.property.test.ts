/**
 * Property: N devices count offline and sync over a bad network (batches split,
 * reordered, sent twice, answers lost). Whatever happens, the server ends with exactly
 * the entries the devices made, each counted once: totals per device, per street and per
 * unit equal a model of what each device recorded and corrected. The same for tiles
 * (an older app's format) and for a clean-up's bags, items and gardens (format 4).
 */
import type { UnitCode } from '@buurtkracht/protocol/tally-units';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createLogger } from '../../server/src/logger.js';
import { tallyDashboard } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { rollupRow } from '../../server/src/modules/tally/tally.repo.js';
import { sync, syncTogether, type SyncResult } from '../../server/src/modules/sync/sync.service.js';
import { tallyFixture, type TallyFixture, type TallyFixtureOptions } from '../support/tally-fixture.js';
import type { OutboxEntry } from '../support/sync-client.js';

const silent = createLogger({ logLevel: 'silent' });

type Action = { kind: 'record'; count: number; street: number; unit: number } | { kind: 'correct'; target: number; count: number };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('record' as const), count: fc.integer({ min: 1, max: 30 }), street: fc.nat(2), unit: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), count: fc.integer({ min: 1, max: 35 }) }) },
);
const attempt = fc.record({ device: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 8 }), shuffle: fc.boolean(), twice: fc.boolean(), answerLost: fc.boolean(), seed: fc.nat() });

interface Variant {
  name: string;
  fixture: TallyFixtureOptions;
  units: readonly UnitCode[];
  /** The area one of each unit stands for. */
  areaCm2: number;
  /** A recorded entry as the app of this variant writes it. */
  entry(fx: TallyFixture, a: { id: string; street: number; unit: UnitCode; count: number }): Pick<OutboxEntry, 'name' | 'formatVersion' | 'args'>;
}

const CLEANUP_UNITS = ['ZAK_ZWERFVUIL', 'GROFVUIL', 'TUIN_GEHOLPEN'] as const satisfies readonly UnitCode[];
const variants: Variant[] = [
  {
    name: 'tiles, from an app that still writes format 2',
    fixture: {},
    units: ['TEGEL_30X30'],
    areaCm2: 900,
    entry: (fx, a) => ({ name: 'recordTallyEvent', formatVersion: 2, args: { id: a.id, campaignId: fx.campaign.id, actionDayId: fx.dayIds[0], streetId: fx.streetIds[a.street], sizeCode: a.unit, count: a.count } }),
  },
  {
    name: 'a clean-up’s bags, items and gardens, in format 4',
    fixture: { cleanupUnits: CLEANUP_UNITS.map((code) => ({ code, target: 50 })) },
    units: CLEANUP_UNITS,
    areaCm2: 0,
    entry: (fx, a) => ({ name: 'recordTallyEvent', formatVersion: 4, args: { id: a.id, campaignId: fx.campaign.id, actionDayId: fx.dayIds[0], streetId: fx.streetIds[a.street], unitCode: a.unit, count: a.count } }),
  },
];

describe('sync convergence (property)', () => {
  it.each(variants)('ends with every entry counted once, per device, street and unit, whatever the network does: $name', async (variant) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 3 }), fc.array(attempt, { maxLength: 25 }), async (perDevice, network) => {
        const fx = await tallyFixture({ streets: 3, days: 1, ...variant.fixture });
        try {
          const devices = await Promise.all(
            perDevice.map(async (actions, d) => {
              const viewer = await fx.participant(`Teller ${d}`, true);
              const deviceId = uuidv7();
              const entries: OutboxEntry[] = [];
              const recorded: { id: string; count: number; street: number; unit: number }[] = [];
              // Per street, per unit: the net count the server must end with; and the entries it must accept.
              const model = { quantities: [0, 1, 2].map(() => variant.units.map(() => 0)), remaining: new Map<string, number>(), accepted: 0 };
              for (const a of actions) {
                const seq = entries.length + 1;
                if (a.kind === 'record') {
                  const id = uuidv7();
                  const unit = a.unit % variant.units.length;
                  recorded.push({ id, count: a.count, street: a.street, unit });
                  model.remaining.set(id, a.count);
                  model.quantities[a.street]![unit]! += a.count;
                  model.accepted++;
                  entries.push({ mutationId: uuidv7(), seq, clientTime: new Date().toISOString(), ...variant.entry(fx, { id, street: a.street, unit: variant.units[unit]!, count: a.count }) });
                } else if (recorded.length > 0) {
                  const target = recorded[a.target % recorded.length]!;
                  const left = model.remaining.get(target.id)!;
                  // The server must refuse exactly the corrections that take more than is left.
                  if (a.count <= left) {
                    model.remaining.set(target.id, left - a.count);
                    model.quantities[target.street]![target.unit]! -= a.count;
                    model.accepted++;
                  }
                  entries.push({ mutationId: uuidv7(), seq, name: 'correctTallyEvent', formatVersion: 1, clientTime: new Date().toISOString(), args: { id: uuidv7(), correctsEventId: target.id, count: a.count } });
                }
              }
              return { viewer, deviceId, entries, model, confirmed: new Set<string>() };
            }),
          );
          const send = async (device: (typeof devices)[number], batch: OutboxEntry[], answerLost: boolean) => {
            const result = await sync(fx.db, device.viewer, { deviceId: device.deviceId, mutations: batch }, silent);
            if (!answerLost) for (const r of result.results) device.confirmed.add(r.mutationId);
          };
          for (const a of network) {
            const device = devices[a.device % devices.length]!;
            const pending = device.entries.filter((e) => !device.confirmed.has(e.mutationId));
            if (pending.length === 0) continue;
            const slice = pending.slice(a.start % pending.length, (a.start % pending.length) + a.length);
            const batch = a.shuffle ? [...slice].sort((x, y) => ((x.seq * 7919 + a.seed) % 13) - ((y.seq * 7919 + a.seed) % 13)) : slice;
            await send(device, batch, a.answerLost);
            if (a.twice) await send(device, batch, false);
          }
          // Back online for good: each device sends what it has not seen confirmed, in order, until done.
          for (const device of devices) {
            for (let round = 0; round < 5 && device.confirmed.size < device.entries.length; round++) {
              await send(device, device.entries.filter((e) => !device.confirmed.has(e.mutationId)), false);
            }
            expect(device.confirmed.size).toBe(device.entries.length);
          }

          const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id, 50);
          // Every unit of the campaign, also the ones the devices never counted (a tegelwip campaign has every tile size).
          const modelled = (street: number | null, code: UnitCode) => {
            const unit = variant.units.indexOf(code);
            return unit < 0 ? 0 : devices.reduce((sum, d) => sum + d.model.quantities.reduce((s, q, i) => s + (street === null || street === i ? q[unit]! : 0), 0), 0);
          };
          expect(dashboard.units.map((u) => u.unit.code)).toEqual(expect.arrayContaining([...variant.units]));
          expect(dashboard.units.map((u) => [u.unit.code, u.quantity, u.areaCm2])).toEqual(dashboard.units.map(({ unit: { code } }) => [code, modelled(null, code), modelled(null, code) * variant.areaCm2]));
          for (const [s, streetId] of fx.streetIds.entries()) {
            const street = dashboard.streets.find((x) => x.streetId === streetId)!;
            expect(street.units.map((u) => [u.unit.code, u.quantity])).toEqual(dashboard.units.map(({ unit: { code } }) => [code, modelled(s, code)]));
            expect(street.areaCm2).toBe(variant.units.reduce((sum, code) => sum + modelled(s, code) * variant.areaCm2, 0));
          }
          for (const device of devices) {
            const participant = await rollupRow(fx.db, fx.campaign.id, 'PARTICIPANT', device.viewer.participantId);
            const quantity = device.model.quantities.flat().reduce((a, b) => a + b, 0);
            // The quantity is what a clean-up ranks people by: every unit together, net of corrections.
            expect({ area: participant?.area_cm2 ?? 0, entries: participant?.event_count ?? 0, quantity: participant?.quantity ?? 0 }).toEqual({
              area: quantity * variant.areaCm2,
              entries: device.model.accepted,
              quantity,
            });
          }
        } finally {
          await fx.close();
        }
      }),
      { numRuns: 30 },
    );
    // 30 fresh databases: on PostgreSQL, under a full run's load, longer than the default
    // 30 s (a bound against hangs, not a speed target).
  }, 120_000);

  it('gives batches applied together in one transaction the same answers and totals as one after another', async () => {
    const send = fc.record({ device: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 6 }), borrowsDeviceId: fc.boolean(), endsGroup: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 3 }), fc.array(send, { minLength: 1, maxLength: 12 }), async (perDevice, sends) => {
        // One plan, played on two databases: the ids are shared, the campaign's are each database's own.
        const plan = perDevice.map((actions) => {
          const ids: string[] = [];
          return {
            deviceId: uuidv7(),
            entries: actions.map((a, i) => {
              const id = uuidv7();
              if (a.kind === 'record') ids.push(id);
              return { a, id, mutationId: uuidv7(), seq: i + 1, target: a.kind === 'correct' && ids.length > 0 ? ids[a.target % ids.length]! : id };
            }),
          };
        });
        const entriesFor = (fx: TallyFixture, d: number): OutboxEntry[] =>
          plan[d]!.entries.map(({ a, id, mutationId, seq, target }) =>
            a.kind === 'record'
              ? { mutationId, seq, name: 'recordTallyEvent', formatVersion: 2, clientTime: new Date().toISOString(), args: { id, campaignId: fx.campaign.id, actionDayId: fx.dayIds[0], streetId: fx.streetIds[a.street], sizeCode: 'TEGEL_30X30', count: a.count } }
              : { mutationId, seq, name: 'correctTallyEvent', formatVersion: 1, clientTime: new Date().toISOString(), args: { id, correctsEventId: target, count: a.count } },
          );
        const play = async (together: boolean) => {
          const fx = await tallyFixture({ streets: 3, days: 1 });
          try {
            const viewers = await Promise.all(plan.map((_, d) => fx.participant(`Teller ${d}`, true)));
            const batches = sends.map((s) => {
              const d = s.device % plan.length;
              const entries = entriesFor(fx, d);
              const start = s.start % entries.length;
              // Someone else's phone claiming this device id: refused, alone.
              const viewer = viewers[s.borrowsDeviceId ? (d + 1) % plan.length : d]!;
              return { viewer, input: { deviceId: plan[d]!.deviceId, mutations: entries.slice(start, start + s.length) }, logger: silent, now: new Date() };
            });
            const answers: unknown[] = [];
            const describe = (outcome: { result?: SyncResult; error?: unknown }) =>
              outcome.result
                ? { results: outcome.result.results.map((r) => [r.mutationId, r.status, r.code]), lastSeq: outcome.result.lastSeq, expectedSeq: outcome.result.expectedSeq }
                : { error: (outcome.error as { code?: string }).code ?? String(outcome.error) };
            if (together) {
              let group: typeof batches = [];
              for (const [i, batch] of batches.entries()) {
                group.push(batch);
                if (sends[i]!.endsGroup || i === batches.length - 1) {
                  for (const outcome of await syncTogether(fx.db, group)) answers.push(describe(outcome));
                  group = [];
                }
              }
            } else {
              for (const batch of batches) {
                answers.push(describe(await sync(fx.db, batch.viewer, batch.input, silent).then((result) => ({ result }), (error: unknown) => ({ error }))));
              }
            }
            const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id, 50);
            return { answers, streets: fx.streetIds.map((id) => dashboard.streets.find((x) => x.streetId === id)?.areaCm2 ?? 0) };
          } finally {
            await fx.close();
          }
        };
        expect(await play(true)).toEqual(await play(false));
      }),
      { numRuns: 30 },
    );
    // 60 fresh databases with an app each: on PostgreSQL, under a full run's load, that
    // takes longer than the default 30 s (a bound against hangs, not a speed target).
  }, 120_000);
});

/**
 * Property: N devices count tiles offline and sync over a bad network (batches split,
 * reordered, sent twice, answers lost). Whatever happens, the server ends with exactly
 * the entries the devices made, each counted once: totals per device and per street
 * equal a model of what each device recorded and corrected.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createLogger } from '../../server/src/logger.js';
import { tallyDashboard } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { rollupRow } from '../../server/src/modules/tally/tally.repo.js';
import { sync, syncTogether, type SyncResult } from '../../server/src/modules/sync/sync.service.js';
import { tallyFixture, type TallyFixture } from '../support/tally-fixture.js';
import type { OutboxEntry } from '../support/sync-client.js';

const silent = createLogger({ logLevel: 'silent' });

type Action = { kind: 'record'; count: number; street: number } | { kind: 'correct'; target: number; count: number };
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('record' as const), count: fc.integer({ min: 1, max: 30 }), street: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), count: fc.integer({ min: 1, max: 35 }) }) },
);
const attempt = fc.record({ device: fc.nat(), start: fc.nat(), length: fc.integer({ min: 1, max: 8 }), shuffle: fc.boolean(), twice: fc.boolean(), answerLost: fc.boolean(), seed: fc.nat() });

describe('sync convergence (property)', () => {
  it('ends with every entry counted once, per device and per street, whatever the network does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 15 }), { minLength: 1, maxLength: 3 }), fc.array(attempt, { maxLength: 25 }), async (perDevice, network) => {
        const fx = await tallyFixture({ streets: 3, days: 1 });
        try {
          const devices = await Promise.all(
            perDevice.map(async (actions, d) => {
              const viewer = await fx.participant(`Teller ${d}`, true);
              const deviceId = uuidv7();
              const entries: OutboxEntry[] = [];
              const recorded: { id: string; count: number; street: number }[] = [];
              const model = { perStreet: [0, 0, 0], remaining: new Map<string, number>() };
              for (const a of actions) {
                const seq = entries.length + 1;
                if (a.kind === 'record') {
                  const id = uuidv7();
                  recorded.push({ id, count: a.count, street: a.street });
                  model.remaining.set(id, a.count);
                  model.perStreet[a.street]! += a.count * 900;
                  entries.push({ mutationId: uuidv7(), seq, name: 'recordTallyEvent', formatVersion: 2, clientTime: new Date().toISOString(), args: { id, campaignId: fx.campaign.id, actionDayId: fx.dayIds[0], streetId: fx.streetIds[a.street], sizeCode: 'TEGEL_30X30', count: a.count } });
                } else if (recorded.length > 0) {
                  const target = recorded[a.target % recorded.length]!;
                  const left = model.remaining.get(target.id)!;
                  // The server must refuse exactly the corrections that take more than is left.
                  if (a.count <= left) {
                    model.remaining.set(target.id, left - a.count);
                    model.perStreet[target.street]! -= a.count * 900;
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
          for (const [s, streetId] of fx.streetIds.entries()) {
            const expected = devices.reduce((sum, d) => sum + d.model.perStreet[s]!, 0);
            expect(dashboard.streets.find((x) => x.streetId === streetId)!.areaCm2).toBe(expected);
          }
          for (const device of devices) {
            const expected = device.model.perStreet.reduce((a, b) => a + b, 0);
            expect((await rollupRow(fx.db, fx.campaign.id, 'PARTICIPANT', device.viewer.participantId))?.area_cm2 ?? 0).toBe(expected);
          }
        } finally {
          await fx.close();
        }
      }),
      { numRuns: 30 },
    );
  });

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
  });
});

/**
 * Property: whatever ledger is written (entries of any size by anyone, from a garden, the
 * public space or not said, at house numbers written in several ways, corrections of any
 * size, over-corrections that must be refused), every aggregate the dashboard shows
 * (also per unit, per street and day and unit, and the streets counted each day) equals a
 * recomputation from the raw events, and no entry or street ever goes below zero.
 */
import { TILE_ORIGINS, type TileOrigin } from '@buurtkracht/protocol/tile-origins';
import { nkTilesOf, SIZE_CODES, type SizeCode } from '@buurtkracht/protocol/tile-sizes';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../server/src/auth/viewer.js';
import { eventsOfCampaign } from '../../server/src/modules/tally/tally.repo.js';
import { tallyDashboard } from '../../server/src/modules/tally/tally-aggregates.service.js';
import { correctTallyEvent, recordTallyEvent } from '../../server/src/modules/tally/tally.service.js';
import { tallyFixture } from '../support/tally-fixture.js';

/** House numbers as people type them, with the garden each one names (none for no number). */
const HOUSE_NUMBERS: [string | null, string | null][] = [[null, null], ['1', '1'], [' 1 ', '1'], ['1 A', '1a'], ['1a', '1a'], ['1-a', '1a'], ['2', '2'], ['  ', null]];

type Command =
  | { kind: 'record'; who: number; size: SizeCode; count: number; street: number; day: number; origin: TileOrigin | null; house: number }
  | { kind: 'correct'; target: number; count: number; byCoordinator: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('record' as const), who: fc.integer({ min: -1, max: 3 }), size: fc.constantFrom(...SIZE_CODES), count: fc.integer({ min: 1, max: 60 }), street: fc.nat(3), day: fc.nat(2), origin: fc.constantFrom(null, ...TILE_ORIGINS), house: fc.nat(HOUSE_NUMBERS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), target: fc.nat(), count: fc.integer({ min: 1, max: 70 }), byCoordinator: fc.boolean() }) },
);

const sumBy = <T>(items: T[], key: (t: T) => string, value: (t: T) => number) => {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + value(item));
  return sums;
};

describe('tally aggregates (property)', () => {
  it('always equal a recomputation from the raw ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const fx = await tallyFixture({ streets: 4, days: 3 });
        try {
          const people = [await fx.participant('Anna', true), await fx.participant('Bram', false), await fx.participant('Cem', true), await fx.participant('Dewi', false)];
          const entries: { id: string; remaining: number; owner: Viewer; garden: string | null }[] = [];
          for (const c of commands) {
            if (c.kind === 'record') {
              const viewer = c.who < 0 ? fx.coordinator : people[c.who]!;
              const event = await fx.db.transaction().execute((trx) =>
                recordTallyEvent(trx, viewer, { id: uuidv7(), campaignId: fx.campaign.id, actionDayId: fx.dayIds[c.day]!, streetId: fx.streetIds[c.street]!, unitCode: c.size, count: c.count, origin: c.origin, houseNumber: HOUSE_NUMBERS[c.house]![0] }),
              );
              const garden = HOUSE_NUMBERS[c.house]![1];
              entries.push({ id: event.id, remaining: c.count, owner: viewer, garden: garden && c.origin !== 'PUBLIC' ? `${c.street}/${garden}` : null });
            } else if (entries.length > 0) {
              const target = entries[c.target % entries.length]!;
              const viewer = c.byCoordinator ? fx.coordinator : target.owner;
              const attempt = fx.db.transaction().execute((trx) => correctTallyEvent(trx, viewer, { id: uuidv7(), correctsEventId: target.id, count: c.count }));
              if (c.count > target.remaining) {
                await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT' });
              } else {
                await attempt;
                target.remaining -= c.count;
              }
            }
          }

          const ledger = await eventsOfCampaign(fx.db, fx.campaign.id);
          const dashboard = await tallyDashboard(fx.db, fx.coordinator, fx.campaign.id, 50);
          const total = ledger.reduce((s, e) => s + e.area_cm2, 0);
          const counted = (events: typeof ledger) => events.reduce((s, e) => s + e.count, 0);
          expect(dashboard.total).toEqual({ areaCm2: total, nkTiles: nkTilesOf(total), entries: ledger.length, quantity: counted(ledger) });

          const perStreet = sumBy(ledger, (e) => e.street_id, (e) => e.area_cm2);
          for (const street of dashboard.streets) {
            expect(street.areaCm2).toBe(perStreet.get(street.streetId) ?? 0);
            expect(street.areaCm2).toBeGreaterThanOrEqual(0);
          }
          const perDay = sumBy(ledger, (e) => e.action_day_id, (e) => e.area_cm2);
          for (const day of dashboard.days) expect(day.areaCm2).toBe(perDay.get(day.day.id) ?? 0);

          // Per unit, alone and per street and per day: the net count, its area and its entries.
          const unitFigures = (events: typeof ledger, code: string) => {
            const of = events.filter((e) => e.unit_code === code);
            return { quantity: of.reduce((s, e) => s + e.count, 0), areaCm2: of.reduce((s, e) => s + e.area_cm2, 0), entries: of.length };
          };
          expect(dashboard.units.map((u) => u.unit.code)).toEqual(SIZE_CODES);
          for (const u of dashboard.units) expect({ quantity: u.quantity, areaCm2: u.areaCm2, entries: u.entries }).toEqual(unitFigures(ledger, u.unit.code));
          for (const street of dashboard.streets) {
            for (const u of street.units) expect({ quantity: u.quantity, areaCm2: u.areaCm2, entries: u.entries }).toEqual(unitFigures(ledger.filter((e) => e.street_id === street.streetId), u.unit.code));
          }
          for (const day of dashboard.days) {
            const ofDay = ledger.filter((e) => e.action_day_id === day.day.id);
            for (const u of day.units) expect({ quantity: u.quantity, areaCm2: u.areaCm2, entries: u.entries }).toEqual(unitFigures(ofDay, u.unit.code));
            // No day is planned here: its streets are the ones where something is left of that day's entries, by name.
            const left = fx.streetIds.map((id) => ({ id, of: ofDay.filter((e) => e.street_id === id) })).filter(({ of }) => counted(of) > 0);
            expect(day.streets.map((s) => [s.streetId, s.planned, s.counted, s.quantity, s.entries])).toEqual(left.map(({ id, of }) => [id, false, true, counted(of), of.length]));
          }

          const perParticipant = sumBy(ledger.filter((e) => e.participant_id), (e) => e.participant_id!, (e) => e.area_cm2);
          const expectedRanking = [...perParticipant.entries()].filter(([, area]) => area > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
          expect(dashboard.topParticipants.map((r) => [r.participantId, r.areaCm2])).toEqual(expectedRanking);

          const perOrigin = sumBy(ledger, (e) => e.origin ?? 'none', (e) => e.area_cm2);
          const entriesPerOrigin = sumBy(ledger, (e) => e.origin ?? 'none', () => 1);
          const countPerOrigin = sumBy(ledger, (e) => e.origin ?? 'none', (e) => e.count);
          const originTotal = (origin: string) => ({
            areaCm2: perOrigin.get(origin) ?? 0,
            nkTiles: nkTilesOf(perOrigin.get(origin) ?? 0),
            entries: entriesPerOrigin.get(origin) ?? 0,
            quantity: countPerOrigin.get(origin) ?? 0,
          });
          expect(dashboard.byOrigin).toEqual({ garden: originTotal('GARDEN'), publicSpace: originTotal('PUBLIC'), notSaid: originTotal('none') });
          // A garden is greened while something is left of the entries that name it (every size has an area).
          const perGarden = sumBy(entries.filter((e) => e.garden), (e) => e.garden!, (e) => e.remaining);
          expect(dashboard.gardensGreened).toBe([...perGarden.values()].filter((left) => left > 0).length);

          // Per entry: what is left of it equals the model, never negative.
          const perEntry = sumBy(ledger, (e) => e.corrects_event_id ?? e.id, (e) => e.count);
          for (const entry of entries) expect(perEntry.get(entry.id)).toBe(entry.remaining);
        } finally {
          await fx.close();
        }
      }),
      { numRuns: 40 },
    );
    // 40 databases and up to 1,600 commits: on PostgreSQL, each commit waits for its
    // server's fsync, which takes longer than the default 30 s (a bound against hangs).
  }, 180_000);
});

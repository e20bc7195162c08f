/**
 * The tally ledger of every counting activity: removed tiles (tegelwippen) and bags, bulky
 * items and gardens helped (a clean-up, opruimactie), recorded and corrected as
 * append-only events in the units the campaign counts (campaign-units.ts). Each event
 * moves its rollups (tally-rollups.ts) in the same transaction, so totals are always the
 * sum of the ledger and can be recomputed.
 */
import { MAX_AREA_CM2_PER_ENTRY, MAX_PIECES_PER_ENTRY } from '@buurtkracht/protocol/input-limits';
import { isCountingKind, isMeasuredArea, isTileUnit, unitAreaCm2Of, type UnitCode } from '@buurtkracht/protocol/tally-units';
import type { TileOrigin } from '@buurtkracht/protocol/tile-origins';
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { Viewer } from '../../auth/viewer.js';
import { managesNeighbourhood } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { badInput, DomainError, ErrorCode, idAlreadyUsed, notFound } from '../../domain-error.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import { daysOfCampaigns, loadCampaign, type Campaign } from '../campaign/campaign.service.js';
import { recordChange } from '../sync/change-log.repo.js';
import { unitsOfCampaign } from './campaign-units.js';
import { rollupDeltasOf } from './tally-rollups.js';
import * as repo from './tally.repo.js';
import type { TallyEventRow } from './tally.table.js';

export interface TallyEvent {
  id: string;
  campaignId: string;
  actionDayId: string;
  streetId: string;
  houseNumber: string | null;
  participantId: string | null;
  /** What was counted: a tile size or a clean-up unit. */
  unitCode: UnitCode;
  /** Where the tiles came from; null when not said, and for units that are not tiles. */
  origin: TileOrigin | null;
  count: number;
  areaCm2: number;
  correctsEventId: string | null;
  deviceId: string | null;
  clientTime: string | null;
  serverTime: string;
}

export const toTallyEvent = (row: TallyEventRow): TallyEvent => ({
  id: row.id,
  campaignId: row.campaign_id,
  actionDayId: row.action_day_id,
  streetId: row.street_id,
  houseNumber: row.house_number,
  participantId: row.participant_id,
  unitCode: row.unit_code,
  origin: row.origin,
  count: row.count,
  areaCm2: row.area_cm2,
  correctsEventId: row.corrects_event_id,
  deviceId: row.device_id,
  clientTime: row.client_time,
  serverTime: row.server_time,
});

/** Who may write to this campaign's ledger: its participants and its coordinators. */
function requireRecorder(viewer: Viewer, campaign: Campaign | null): Campaign {
  if (!campaign) throw notFound('Deze actie');
  const allowed = viewer.kind === 'participant' ? viewer.campaignId === campaign.id : managesNeighbourhood(viewer, campaign.neighbourhoodId);
  if (!allowed) throw notFound('Deze actie');
  if (!isCountingKind(campaign.kind)) throw badInput('In deze actie wordt niets geteld.');
  return campaign;
}

/**
 * Whether a stored event is this viewer's own, sent again. Participants: events they
 * recorded themselves (a coordinator's correction of their entry keeps their participant
 * id, but names the coordinator). Staff: events their account recorded. Events from
 * before the ledger kept the staff account name neither: there staff may have any event
 * without a participant, and corrections, as before.
 */
function mayBeOwnEvent(row: TallyEventRow, viewer: Viewer): boolean {
  if (viewer.kind === 'participant') return row.participant_id === viewer.participantId && row.staff_account_id === null;
  if (viewer.kind !== 'staff') return false;
  if (row.staff_account_id !== null) return row.staff_account_id === viewer.accountId;
  return row.participant_id === null || row.corrects_event_id !== null;
}

const staffAccountOf = (viewer: Viewer): string | null => (viewer.kind === 'staff' ? viewer.accountId : null);

/** Field work is accepted while open; after closing only what was recorded before it. */
function requireAcceptingFieldWork(campaign: Campaign, clientTime: string | null): void {
  if (campaign.status === 'OPEN') return;
  if (campaign.status === 'CLOSED' && clientTime && campaign.closedAt && clientTime <= campaign.closedAt) return;
  const message = campaign.status === 'DRAFT' ? 'Deze actie is nog niet begonnen.' : 'Deze actie is gesloten.';
  throw new DomainError(ErrorCode.CONFLICT, message);
}

/** Appends events of one campaign with their rollups and one change-log entry. */
async function append(trx: DbOrTrx, campaign: Campaign, rows: TallyEventRow[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await repo.insertEvents(trx, rows);
  // Let other requests in between the two larger statements of a sync batch.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await repo.addToRollups(trx, rollupDeltasOf(campaign.id, rows));
  await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'TALLY_TOTALS', entityId: campaign.id }, now);
}

export interface RecordTallyInput {
  id: string;
  campaignId: string;
  actionDayId: string;
  streetId: string;
  houseNumber?: string | null;
  /** One of the campaign's units. */
  unitCode: UnitCode;
  /** How many of the unit (pieces, bags, items, gardens); for AREA the measured cm². */
  count: number;
  /** Where the tiles came from; absent or null when not said. Only for tile units. */
  origin?: TileOrigin | null;
  deviceId?: string | null;
  clientTime?: string | null;
}

export type TallyOutcome = { event: TallyEvent; error?: undefined } | { event?: undefined; error: DomainError };

/** What an entry must be, whatever its campaign counts: one of its units, a count within limits, an origin only for tiles. */
function checkEntry(input: RecordTallyInput, units: ReadonlySet<UnitCode>): void {
  if (!units.has(input.unitCode)) throw badInput('Dit telt deze actie niet.');
  const measured = isMeasuredArea(input.unitCode);
  const limit = measured ? MAX_AREA_CM2_PER_ENTRY : MAX_PIECES_PER_ENTRY;
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > limit) {
    throw badInput(measured ? `Vul een oppervlakte in tussen 1 cm² en ${MAX_AREA_CM2_PER_ENTRY / CM2_PER_M2} m².` : `Vul een aantal in tussen 1 en ${MAX_PIECES_PER_ENTRY}.`);
  }
  if (input.origin && !isTileUnit(input.unitCode)) throw badInput('Waar iets vandaan komt, zeg je alleen bij tegels.');
}

/**
 * Records counted units, many at once (a sync batch) with a handful of statements; call
 * inside a transaction. Each input gets its own outcome: an event (new, or the one
 * already recorded under that id) or the error that refused it. Nothing is written for
 * refused inputs.
 */
export async function recordTallyEvents(trx: DbOrTrx, viewer: Viewer, inputs: readonly RecordTallyInput[], now = new Date()): Promise<TallyOutcome[]> {
  const outcomes: TallyOutcome[] = new Array(inputs.length);
  const existing = new Map((await repo.findEvents(trx, inputs.map((i) => i.id))).map((r) => [r.id, r]));
  const byCampaign = new Map<string, number[]>();
  inputs.forEach((input, index) => {
    const indexes = byCampaign.get(input.campaignId);
    if (indexes) indexes.push(index);
    else byCampaign.set(input.campaignId, [index]);
  });
  const serverTime = now.toISOString();
  for (const [campaignId, indexes] of byCampaign) {
    let campaign: Campaign;
    try {
      campaign = requireRecorder(viewer, await loadCampaign(trx, campaignId));
    } catch (error) {
      for (const index of indexes) outcomes[index] = { error: error as DomainError };
      continue;
    }
    const units = new Set((await unitsOfCampaign(trx, campaign)).map((u) => u.code));
    const days = new Set((await daysOfCampaigns(trx, [campaign.id])).map((d) => d.id));
    const streets = new Set((await allStreets(trx, campaign.neighbourhoodId)).map((s) => s.id));
    const rows: TallyEventRow[] = [];
    for (const index of indexes) {
      const input = inputs[index]!;
      try {
        const known = existing.get(input.id);
        if (known) {
          if (known.campaign_id !== campaign.id || known.corrects_event_id !== null || !mayBeOwnEvent(known, viewer)) throw idAlreadyUsed();
          outcomes[index] = { event: toTallyEvent(known) };
          continue;
        }
        requireAcceptingFieldWork(campaign, input.clientTime ?? null);
        checkEntry(input, units);
        if (!days.has(input.actionDayId)) throw badInput('Deze actiedag hoort niet bij deze actie.');
        if (!streets.has(input.streetId)) throw badInput('Deze straat hoort niet bij deze buurt.');
        const row: TallyEventRow = {
          id: input.id,
          campaign_id: campaign.id,
          action_day_id: input.actionDayId,
          street_id: input.streetId,
          house_number: input.houseNumber?.trim() || null,
          participant_id: viewer.kind === 'participant' ? viewer.participantId : null,
          staff_account_id: staffAccountOf(viewer),
          unit_code: input.unitCode,
          origin: input.origin ?? null,
          count: input.count,
          area_cm2: unitAreaCm2Of(input.unitCode, input.count),
          corrects_event_id: null,
          device_id: input.deviceId ?? null,
          client_time: input.clientTime ?? null,
          server_time: serverTime,
        };
        // The same id twice in one batch is one event.
        existing.set(row.id, row);
        rows.push(row);
        outcomes[index] = { event: toTallyEvent(row) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes[index] = { error };
      }
    }
    await append(trx, campaign, rows, now);
  }
  return outcomes;
}

/** Records counted units; call inside a transaction. Sending the same id twice counts once. */
export async function recordTallyEvent(trx: DbOrTrx, viewer: Viewer, input: RecordTallyInput, now = new Date()): Promise<TallyEvent> {
  const [outcome] = await recordTallyEvents(trx, viewer, [input], now);
  if (outcome!.error) throw outcome!.error;
  return outcome!.event!;
}

/** An id already in the ledger: the same correction sent again by its maker is answered as it was. */
async function alreadyCorrected(trx: DbOrTrx, viewer: Viewer, input: CorrectTallyInput, campaignId: string): Promise<TallyEvent | null> {
  const existing = await repo.findEvent(trx, input.id);
  if (!existing) return null;
  if (existing.campaign_id !== campaignId || existing.corrects_event_id !== input.correctsEventId || !mayBeOwnEvent(existing, viewer)) throw idAlreadyUsed();
  return toTallyEvent(existing);
}

export interface CorrectTallyInput {
  id: string;
  correctsEventId: string;
  /** How many units of the corrected entry to take back (positive). */
  count: number;
  deviceId?: string | null;
  clientTime?: string | null;
}

/**
 * Takes back (part of) an entry with a negative event that names it. An entry can never
 * go below zero, so neither can its street or the campaign. Participants correct their
 * own entries; coordinators any entry of their campaigns.
 */
export async function correctTallyEvent(trx: DbOrTrx, viewer: Viewer, input: CorrectTallyInput, now = new Date()): Promise<TallyEvent> {
  const original = await repo.findEvent(trx, input.correctsEventId);
  if (!original) throw notFound('Deze telling');
  const campaign = requireRecorder(viewer, await loadCampaign(trx, original.campaign_id));
  if (viewer.kind === 'participant' && original.participant_id !== viewer.participantId) throw notFound('Deze telling');
  const existing = await alreadyCorrected(trx, viewer, input, campaign.id);
  if (existing) return existing;
  if (original.corrects_event_id) throw badInput('Een correctie kun je niet corrigeren; corrigeer de telling zelf.');
  requireAcceptingFieldWork(campaign, input.clientTime ?? null);
  if (!Number.isInteger(input.count) || input.count < 1) throw badInput('Vul in hoeveel je wilt weghalen (minstens 1).');
  const remaining = await repo.remainingCount(trx, original.id);
  if (input.count > remaining) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      remaining === 0 ? 'Deze telling is al helemaal weggehaald.' : `Je kunt hoogstens ${remaining} weghalen van deze telling.`,
      { remaining },
    );
  }
  // Belt and braces: the entry check above implies it, but the street's total of this unit is the promise.
  const street = await repo.rollupRow(trx, campaign.id, 'STREET_UNIT', `${original.street_id}|${original.unit_code}`);
  if ((street?.quantity ?? 0) - input.count < 0) throw new DomainError(ErrorCode.CONFLICT, 'Dan zou de straat onder nul komen.');
  // The spread keeps the entry's unit, street, house number and origin: a correction takes
  // back what was counted where it was counted.
  const row: TallyEventRow = {
    ...original,
    id: input.id,
    count: -input.count,
    area_cm2: -unitAreaCm2Of(original.unit_code, input.count),
    corrects_event_id: original.id,
    staff_account_id: staffAccountOf(viewer),
    device_id: input.deviceId ?? null,
    client_time: input.clientTime ?? null,
    server_time: now.toISOString(),
  };
  await append(trx, campaign, [row], now);
  return toTallyEvent(row);
}

/**
 * What a tegelwip or clean-up action counts (its units, with targets) and which streets
 * each of its days is for ("iedere dag een andere straat"), as its coordinators set them.
 * The rows live in campaign_unit and campaign_day_street (campaign-units.repo.ts); the
 * ledger reads the units through tally/campaign-units.ts. A change reaches the phones as a
 * change of the campaign (change log), and is written in the audit log like the other
 * settings a coordinator chooses (tools, prizes, questionnaire).
 */
import { isCountingKind } from '@buurtkracht/protocol/tally-units';
import type { Viewer } from '../../auth/viewer.js';
import type { DbOrTrx } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { badInput, DomainError, ErrorCode, notFound, type FieldProblem } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { unitWord } from '../export/dutch-words.js';
import { allStreets } from '../neighbourhood/neighbourhood.repo.js';
import { recordChange } from '../sync/change-log.repo.js';
import { MAX_DAY_STREETS, NOTHING_TO_COUNT, unitsForKind, type UnitChoice } from './campaign-unit-rules.js';
import * as unitsRepo from './campaign-units.repo.js';
import * as repo from './campaign.repo.js';
import { requireManagedCampaign, toCampaignDay, type Campaign, type CampaignDay } from './campaign.service.js';

const closed = () => new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
const actorOf = (viewer: Viewer) => (viewer.kind === 'staff' ? viewer.accountId : null);

/** `"Zakken zwerfvuil", "Grofvuil (stuks)" en "Tuinen geholpen"`: a list as people write it. */
const listOf = (words: readonly string[]) => (words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} en ${words.at(-1)}`);

/**
 * Makes these the campaign's units. A clean-up action counts the units given, in their
 * order; a tegelwip action keeps every tile size and takes the targets. A unit can only be
 * taken out while the campaign is a draft: once it is open, entries in that unit may still
 * wait on a phone without signal, and the server would refuse them when they arrive
 * (CONFLICT). Adding units and changing targets is fine until it closes.
 */
export async function setCampaignUnits(db: DbOrTrx, viewer: Viewer, input: { campaignId: string; units: readonly UnitChoice[]; requestId?: string }, now = new Date()): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, input.campaignId);
    if (!isCountingKind(campaign.kind)) throw badInput(NOTHING_TO_COUNT, { fields: [{ path: ['units'], message: NOTHING_TO_COUNT }] });
    if (campaign.status === 'CLOSED') throw closed();
    const units = unitsForKind(campaign.kind, input.units, ['units']);
    const current = await unitsRepo.unitsOfCampaigns(trx, [campaign.id]);
    const removed = current.map((u) => u.unit_code).filter((code) => !units.some((u) => u.code === code));
    if (removed.length > 0 && campaign.status !== 'DRAFT') {
      const one = removed.length === 1;
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Tellingen voor ${listOf(removed.map((code) => `"${unitWord(code)}"`))} kunnen nog op telefoons staan; je kunt ${one ? 'deze soort' : 'deze soorten'} niet meer weghalen nu de actie loopt. Zet eventueel ${one ? 'het doel' : 'de doelen'} leeg.`,
        { units: removed },
      );
    }
    await unitsRepo.replaceUnits(trx, campaign.id, units);
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id }, now);
    const detail = { units: units.map((u) => (u.target === null ? u.code : `${u.code}:${u.target}`)).join(',') };
    await recordAudit(trx, { actorAccountId: actorOf(viewer), action: 'campaign.units_set', subjectType: 'campaign', subjectId: campaign.id, detail, requestId: input.requestId }, now);
    return campaign;
  });
}

/**
 * Makes these the streets a day is for, in order (the counter offers them first). Only
 * streets of the campaign's neighbourhood, each once, at most MAX_DAY_STREETS; an empty
 * list says the day is for no street in particular. A schouw walks spots, not streets.
 */
export async function setCampaignDayStreets(db: DbOrTrx, viewer: Viewer, input: { dayId: string; streetIds: readonly string[]; requestId?: string }, now = new Date()): Promise<CampaignDay> {
  return inTransaction(db, async (trx) => {
    const day = await repo.findDay(trx, input.dayId);
    if (!day) throw notFound('Deze dag');
    // Another neighbourhood's day does not exist for this viewer; any other refusal stands.
    const campaign = await requireManagedCampaign(trx, viewer, day.campaign_id).catch((error: unknown) => {
      throw error instanceof DomainError && error.code === ErrorCode.NOT_FOUND ? notFound('Deze dag') : error;
    });
    if (campaign.status === 'CLOSED') throw closed();
    if (!isCountingKind(campaign.kind)) throw badInput('Een schouw loopt langs plekken; straten per dag zijn er voor tegelwippen en een opruimactie.');
    const streets = new Set((await allStreets(trx, campaign.neighbourhoodId)).map((s) => s.id));
    const problems: FieldProblem[] = [];
    if (input.streetIds.length > MAX_DAY_STREETS) problems.push({ path: ['streetIds'], message: `Kies hoogstens ${MAX_DAY_STREETS} straten voor één dag.` });
    input.streetIds.forEach((id, index) => {
      if (!streets.has(id)) problems.push({ path: ['streetIds', String(index)], message: 'Kies een straat van deze buurt.' });
      else if (input.streetIds.indexOf(id) !== index) problems.push({ path: ['streetIds', String(index)], message: 'Noem elke straat maar één keer.' });
    });
    if (problems.length > 0) throw badInput([...new Set(problems.map((p) => p.message))].join(' '), { fields: problems });
    await unitsRepo.replaceDayStreets(trx, day.id, input.streetIds);
    await recordChange(trx, { neighbourhoodId: campaign.neighbourhoodId, campaignId: campaign.id, entityType: 'CAMPAIGN', entityId: campaign.id }, now);
    await recordAudit(trx, { actorAccountId: actorOf(viewer), action: 'campaign_day.streets_set', subjectType: 'campaign_day', subjectId: day.id, detail: { streets: input.streetIds.length }, requestId: input.requestId }, now);
    return toCampaignDay(day);
  });
}

/** The planned street ids of these days, each day's in order (one query for all). */
export async function streetIdsOfDays(db: DbOrTrx, dayIds: readonly string[]): Promise<Map<string, string[]>> {
  const byDay = new Map<string, string[]>(dayIds.map((id) => [id, []]));
  for (const row of await unitsRepo.streetsOfDays(db, dayIds)) byDay.get(row.day_id)?.push(row.street_id);
  return byDay;
}

/**
 * Next year's copy counts what this one counted, with the same targets, and each copied
 * day is for the same streets as its original (`dayIds`: original day id → copy's).
 */
export async function copyUnitsAndDayStreets(trx: DbOrTrx, sourceId: string, copyId: string, dayIds: ReadonlyMap<string, string>): Promise<void> {
  const units = await unitsRepo.unitsOfCampaigns(trx, [sourceId]);
  await unitsRepo.replaceUnits(trx, copyId, units.map((u) => ({ code: u.unit_code, target: u.target })));
  const streets = await streetIdsOfDays(trx, [...dayIds.keys()]);
  for (const [from, to] of dayIds) {
    const ids = streets.get(from) ?? [];
    if (ids.length > 0) await unitsRepo.replaceDayStreets(trx, to, ids);
  }
}

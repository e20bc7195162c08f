/**
 * Every SQL statement about a campaign's tools (campaign_tool) and the quantities people
 * ask for (signup_tool). It imports nothing of the campaign module, so that creating a
 * campaign can give it its default tools without an import cycle.
 */
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTrx } from '../../db/database.js';
import type { CampaignKind } from '../campaign/campaign.table.js';
import type { CampaignToolRow } from './signup.table.js';

/** What a tegelwip day usually needs on the central location; the coordinator can change the list. */
export const DEFAULT_TOOL_NAMES = ['tegellichter', 'kruiwagen', 'bigbag'] as const;
/** What a clean-up day usually lends out; the coordinator can change the list. */
export const DEFAULT_CLEANUP_TOOL_NAMES = ['afvalgrijper', 'werkhandschoenen', 'kruiwagen'] as const;

/** The kinds of campaign whose sign-ups can borrow tools: the action days (a schouw walker brings nothing). */
export const lendsTools = (kind: CampaignKind): boolean => kind === 'TEGELWIPPEN' || kind === 'OPRUIMEN';

/** Gives a new tegelwip or clean-up campaign the default tools (no stock yet); a schouw gets none. */
export async function insertDefaultTools(db: DbOrTrx, campaignId: string, kind: CampaignKind): Promise<void> {
  if (!lendsTools(kind)) return;
  const names = kind === 'OPRUIMEN' ? DEFAULT_CLEANUP_TOOL_NAMES : DEFAULT_TOOL_NAMES;
  await db
    .insertInto('campaign_tool')
    .values(names.map((name, position) => ({ id: uuidv7(), campaign_id: campaignId, name, stock: null, position })))
    .execute();
}

export async function toolsOfCampaigns(db: DbOrTrx, campaignIds: readonly string[]): Promise<CampaignToolRow[]> {
  if (campaignIds.length === 0) return [];
  return db.selectFrom('campaign_tool').selectAll().where('campaign_id', 'in', campaignIds).orderBy('position').execute();
}

export async function insertTool(db: DbOrTrx, row: CampaignToolRow): Promise<void> {
  await db.insertInto('campaign_tool').values(row).execute();
}

export async function updateTool(db: DbOrTrx, row: CampaignToolRow): Promise<void> {
  await db.updateTable('campaign_tool').set({ name: row.name, stock: row.stock, position: row.position }).where('id', '=', row.id).execute();
}

export async function deleteTools(db: DbOrTrx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('campaign_tool').where('id', 'in', ids).execute();
}

/**
 * Moves positions and names out of the way first: the list is saved whole, and a rename
 * that swaps two names would hit the unique (campaign, name) rule half way.
 */
export async function parkToolNames(db: DbOrTrx, ids: readonly string[]): Promise<void> {
  for (const id of ids) await db.updateTable('campaign_tool').set({ name: `~${id}` }).where('id', '=', id).execute();
}

/** Tools somebody asked for, of these: they stay in the list. */
export async function requestedToolIds(db: DbOrTrx, toolIds: readonly string[]): Promise<string[]> {
  if (toolIds.length === 0) return [];
  const rows = await db.selectFrom('signup_tool').select('tool_id').distinct().where('tool_id', 'in', toolIds).execute();
  return rows.map((r) => r.tool_id);
}

/** Requested quantities per tool over the sign-ups CONFIRMED for a day. */
export async function requestedOnDay(db: DbOrTrx, dayId: string): Promise<{ tool_id: string; requested: number }[]> {
  const rows = await db
    .selectFrom('signup_tool')
    .innerJoin('signup_day', 'signup_day.signup_id', 'signup_tool.signup_id')
    .select((eb) => ['signup_tool.tool_id', eb.fn.sum<number | string>('signup_tool.quantity').as('requested')])
    .where('signup_day.day_id', '=', dayId)
    .where('signup_day.status', '=', 'CONFIRMED')
    .groupBy('signup_tool.tool_id')
    .execute();
  return rows.map((r) => ({ tool_id: r.tool_id, requested: Number(r.requested) }));
}

/**
 * A tegelwip or clean-up campaign's tools (tegellichter, kruiwagen, bigbag; afvalgrijper …) with the stock the
 * coordinator has on the central location. The list is campaign data: the coordinator
 * saves it whole, in order; a tool somebody asked for stays, so no request loses its tool.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Viewer } from '../../auth/viewer.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { badInput, DomainError, ErrorCode, type FieldProblem } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { requireManagedCampaign } from '../campaign/campaign.service.js';
import * as repo from './campaign-tools.repo.js';
import type { CampaignToolRow } from './signup.table.js';

export interface CampaignTool {
  id: string;
  campaignId: string;
  name: string;
  stock: number | null;
}

export const toCampaignTool = (row: CampaignToolRow): CampaignTool => ({ id: row.id, campaignId: row.campaign_id, name: row.name, stock: row.stock });

export async function toolsOfCampaigns(db: DbOrTrx, campaignIds: readonly string[]): Promise<CampaignTool[]> {
  return (await repo.toolsOfCampaigns(db, campaignIds)).map(toCampaignTool);
}

export interface CampaignToolInput {
  id?: string | null;
  name: string;
  stock?: number | null;
}

export async function saveCampaignTools(db: Db, viewer: Viewer, campaignId: string, tools: readonly CampaignToolInput[], requestId: string): Promise<CampaignTool[]> {
  return db.transaction().execute(async (trx) => {
    const campaign = await requireManagedCampaign(trx, viewer, campaignId);
    if (campaign.status === 'CLOSED') throw new DomainError(ErrorCode.CONFLICT, 'Een gesloten actie kan niet meer veranderen.');
    if (!repo.lendsTools(campaign.kind)) throw badInput('Alleen tegelwippen en een opruimactie hebben gereedschap om uit te lenen.');
    const existing = await repo.toolsOfCampaigns(trx, [campaign.id]);
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    tools.forEach((tool, index) => {
      const name = tool.name.trim().toLowerCase();
      if (seen.has(name)) problems.push({ path: ['tools', String(index), 'name'], message: 'Deze naam staat al in de lijst.' });
      seen.add(name);
      if (tool.id && !existing.some((e) => e.id === tool.id)) problems.push({ path: ['tools', String(index), 'id'], message: 'Dit gereedschap hoort niet bij deze actie.' });
    });
    if (problems.length > 0) throw badInput(problems.map((p) => p.message).join(' '), { fields: problems });

    const removed = existing.filter((e) => !tools.some((t) => t.id === e.id));
    const asked = new Set(await repo.requestedToolIds(trx, removed.map((r) => r.id)));
    const stillAsked = removed.filter((r) => asked.has(r.id));
    if (stillAsked.length > 0) {
      throw new DomainError(ErrorCode.CONFLICT, `Iemand heeft ${stillAsked.map((r) => r.name).join(', ')} aangevraagd, dus dat blijft in de lijst. Zet de voorraad op 0 als het er niet is.`);
    }
    await repo.deleteTools(trx, removed.map((r) => r.id));
    await repo.parkToolNames(trx, existing.filter((e) => !removed.includes(e)).map((e) => e.id));
    for (const [position, tool] of tools.entries()) {
      const row: CampaignToolRow = { id: tool.id ?? uuidv7(), campaign_id: campaign.id, name: tool.name.trim(), stock: tool.stock ?? null, position };
      if (tool.id) await repo.updateTool(trx, row);
      else await repo.insertTool(trx, row);
    }
    await recordAudit(trx, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'campaign.tools_saved', subjectType: 'campaign', subjectId: campaign.id, detail: { tools: tools.length }, requestId });
    return toolsOfCampaigns(trx, [campaign.id]);
  });
}

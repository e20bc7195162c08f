/**
 * The HVC pickup list of a clean-up day as CSV (hvc-pickup.service.ts), one line per address
 * and unit, with the exports' two variants (csvOf): for people, Dutch headers and words
 * (with `;` for Dutch Excel), and raw, codes for integrations. It holds house numbers, so
 * exporting it is audited as the other exports with personal data are.
 */
import type { Viewer } from '../../auth/viewer.js';
import type { Db } from '../../db/database.js';
import { notFound } from '../../domain-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDay } from '../campaign/campaign.repo.js';
import { unitWord } from '../export/dutch-words.js';
import { csvOf, type CsvOptions } from '../export/export.service.js';
import { hvcPickupList } from './hvc-pickup.service.js';

export async function hvcPickupListCsv(db: Db, viewer: Viewer, dayId: string, options: CsvOptions, requestId: string): Promise<{ csv: string; date: string }> {
  const day = await findDay(db, dayId);
  if (!day) throw notFound('Deze dag');
  const { campaign, rows } = await hvcPickupList(db, viewer, day.campaign_id, day.id);
  await recordAudit(db, { actorAccountId: viewer.kind === 'staff' ? viewer.accountId : null, action: 'campaign.exported', subjectType: 'campaign', subjectId: campaign.id, detail: { kind: 'hvc-ophaallijst.csv', dayId: day.id }, requestId });
  const lines = rows.flatMap((r) => r.items.map((item) => ({ ...r, item })));
  const csv =
    options.format === 'raw'
      ? csvOf(options, ['straat', 'huisnummer', 'eenheid', 'aantal'], lines.map((l) => [l.streetName, l.houseNumber, l.item.unit, l.item.quantity]))
      : csvOf(options, ['Straat', 'Huisnummer', 'Wat', 'Aantal'], lines.map((l) => [l.streetName, l.houseNumber, unitWord(l.item.unit), l.item.quantity]));
  return { csv, date: day.date };
}

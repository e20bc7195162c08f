/**
 * Table shape of observations: one walker's answer to one checklist item at one spot on a
 * schouw. Observations have no follow-up; several walkers may answer the same item at the
 * same spot and every answer is kept. A finding may point at the observation it came from.
 */
import type { Selectable } from 'kysely';
import type { Theme } from '../checklist/checklist.table.js';
import type { Rating } from '../finding/finding.table.js';

export interface ObservationTable {
  id: string;
  campaign_id: string;
  spot_id: string;
  street_id: string | null;
  checklist_item_id: string;
  /** The theme of the item's section, copied so scores group without joining the checklist. */
  theme: Theme;
  /** The answer to a RATING item. */
  rating: Rating | null;
  /** The answer to a YES_NO (JA/NEE), NUMBER, CHOICE or TEXT item, as text. */
  answer: string | null;
  /** A remark that came with the answer (answers recorded before observations existed). */
  note: string | null;
  lat: number | null;
  lon: number | null;
  accuracy_m: number | null;
  participant_id: string | null;
  staff_account_id: string | null;
  device_time: string;
  server_time: string;
  /** The same walker's later answer to the same item at the same spot; only current answers count. */
  superseded_by: string | null;
}

export type ObservationRow = Selectable<ObservationTable>;

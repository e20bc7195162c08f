/** Table shape of the audit log: staff actions on personal data and status changes. */
import type { Selectable } from 'kysely';

export interface AuditEventTable {
  id: string;
  at: string;
  /** Null for actions of the system itself (the retention job). */
  actor_account_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON with ids and states only, never personal data values. */
  detail: string | null;
  request_id: string | null;
}

export type AuditEventRow = Selectable<AuditEventTable>;

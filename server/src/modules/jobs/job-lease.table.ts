/** A background job's lease: which app instance runs the job, and until when (job-lease.ts). */
import type { Insertable, Selectable } from 'kysely';

export interface JobLeaseTable {
  /** The job: 'retention', 'resident-mail', … */
  name: string;
  /** The instance that holds it (host, process id and a random part; job-lease.ts). */
  holder: string;
  /** ISO-8601 UTC; after it, any instance may take the job over. */
  expires_at: string;
}

export type JobLeaseRow = Selectable<JobLeaseTable>;
export type NewJobLeaseRow = Insertable<JobLeaseTable>;

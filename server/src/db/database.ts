/**
 * The Database interface Kysely types queries with: one entry per table, each defined in
 * its feature module's *.table.ts. Add a module's table here when its migration lands.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  CoordinatorNeighbourhoodTable,
  OrganisationTable,
  StaffAccountTable,
  StaffInviteTable,
  StaffSessionTable,
} from '../modules/account/account.table.js';
import type { AuditEventTable } from '../modules/audit/audit.table.js';
import type { CampaignDayStreetTable, CampaignDayTable, CampaignTable, CampaignUnitTable } from '../modules/campaign/campaign.table.js';
import type { ChecklistItemTable, ChecklistSectionTable, ChecklistTemplateTable, ChecklistVersionTable } from '../modules/checklist/checklist.table.js';
import type { ActionItemFindingTable, ActionItemTable, FindingConflictTable, FindingPhotoTable, FindingStatusEventTable, FindingTable } from '../modules/finding/finding.table.js';
import type { ObservationTable } from '../modules/observation/observation.table.js';
import type { MediaTable } from '../modules/media/media.table.js';
import type { SpotTable } from '../modules/spot/spot.table.js';
import type { ChangeLogTable, SyncDeviceTable, SyncMutationTable } from '../modules/sync/sync.table.js';
import type { TallyEventTable, TallyRollupTable } from '../modules/tally/tally.table.js';
import type { NeighbourhoodTable, StreetTable } from '../modules/neighbourhood/neighbourhood.table.js';
import type { ParticipantInviteTable, ParticipantTable } from '../modules/participant/participant.table.js';
import type { DeviceTransferParticipantTable, DeviceTransferTable, FollowUpKeyTable } from '../modules/participant/follow-up.table.js';
import type { MailOutboxTable, MailUnsubscribeTokenTable } from '../modules/mail/mail.table.js';
import type { CampaignToolTable, SignupDayTable, SignupMailLinkTable, SignupTable, SignupToolTable } from '../modules/signup/signup.table.js';
import type { QuestionnaireAnswerTable, QuestionnaireParticipationTable, QuestionnaireQuestionTable, QuestionnaireResponseTable } from '../modules/questionnaire/questionnaire.table.js';
import type { CampaignPrizeTable } from '../modules/prize/prize.table.js';
import type { TeamMemberTable, TeamPlanTable, TeamSpotTable, TeamTable } from '../modules/team/team.table.js';
import type { JobLeaseTable } from '../modules/jobs/job-lease.table.js';

export interface Database {
  neighbourhood: NeighbourhoodTable;
  street: StreetTable;
  organisation: OrganisationTable;
  staff_account: StaffAccountTable;
  coordinator_neighbourhood: CoordinatorNeighbourhoodTable;
  staff_session: StaffSessionTable;
  staff_invite: StaffInviteTable;
  campaign: CampaignTable;
  participant_invite: ParticipantInviteTable;
  participant: ParticipantTable;
  audit_event: AuditEventTable;
  spot: SpotTable;
  campaign_day: CampaignDayTable;
  campaign_unit: CampaignUnitTable;
  campaign_day_street: CampaignDayStreetTable;
  checklist_template: ChecklistTemplateTable;
  checklist_version: ChecklistVersionTable;
  checklist_section: ChecklistSectionTable;
  checklist_item: ChecklistItemTable;
  observation: ObservationTable;
  finding: FindingTable;
  finding_photo: FindingPhotoTable;
  finding_status_event: FindingStatusEventTable;
  action_item: ActionItemTable;
  action_item_finding: ActionItemFindingTable;
  tally_event: TallyEventTable;
  tally_rollup: TallyRollupTable;
  finding_conflict: FindingConflictTable;
  sync_device: SyncDeviceTable;
  sync_mutation: SyncMutationTable;
  change_log: ChangeLogTable;
  media: MediaTable;
  follow_up_key: FollowUpKeyTable;
  device_transfer: DeviceTransferTable;
  device_transfer_participant: DeviceTransferParticipantTable;
  mail_outbox: MailOutboxTable;
  mail_unsubscribe_token: MailUnsubscribeTokenTable;
  campaign_tool: CampaignToolTable;
  signup: SignupTable;
  signup_day: SignupDayTable;
  signup_tool: SignupToolTable;
  signup_mail_link: SignupMailLinkTable;
  team: TeamTable;
  team_member: TeamMemberTable;
  team_spot: TeamSpotTable;
  team_plan: TeamPlanTable;
  questionnaire_question: QuestionnaireQuestionTable;
  questionnaire_response: QuestionnaireResponseTable;
  questionnaire_answer: QuestionnaireAnswerTable;
  questionnaire_participation: QuestionnaireParticipationTable;
  campaign_prize: CampaignPrizeTable;
  job_lease: JobLeaseTable;
}

export type Db = Kysely<Database>;
/** A connection or an open transaction: repo functions accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

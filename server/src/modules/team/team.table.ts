/** Table shapes of schouw teams: per walk date, the teams, their members (sign-ups) and their spots in route order. */
import type { Selectable } from 'kysely';

export interface TeamTable {
  id: string;
  campaign_id: string;
  day_id: string;
  number: number;
  created_at: string;
}

export interface TeamMemberTable {
  team_id: string;
  signup_id: string;
}

export interface TeamSpotTable {
  team_id: string;
  spot_id: string;
  position: number;
}

export interface TeamPlanTable {
  day_id: string;
  team_size: number;
  locked_at: string | null;
  updated_at: string;
}

export type TeamRow = Selectable<TeamTable>;
export type TeamPlanRow = Selectable<TeamPlanTable>;

/**
 * A date's planning as the coordinator reads it: who comes (against the capacity), the
 * waiting list, tools asked for against the stock, help and pickup requests, and the
 * streets with sign-ups for the map. Built from the confirmed and waiting rows of the day;
 * a date holds at most SIGNUPS_PER_DAY_MAX (protocol/input-limits) of them, so it is one
 * read, not a page.
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { DbOrTrx } from '../../db/database.js';
import { toCampaignDay, type CampaignDay } from '../campaign/campaign.service.js';
import type { CampaignDayRow } from '../campaign/campaign.table.js';
import { streetsByIds, type Street } from '../neighbourhood/neighbourhood.service.js';
import { toCampaignTool, type CampaignTool } from './campaign-tools.service.js';
import * as toolRepo from './campaign-tools.repo.js';
import { streetCentroids } from './signup-planning.repo.js';
import * as repo from './signup.repo.js';
import { ERASED_NAME, type SignupDayRow, type SignupDayStatus, type WalkerKind } from './signup.table.js';

export interface PlannedSignup {
  id: string;
  dayId: string;
  displayName: string;
  /** Stored only with consent; null after erasure. Reading it is audited (signup-planning.schema.ts). */
  contact: string | null;
  walkerKind: WalkerKind | null;
  organisation: string | null;
  needs: string | null;
  streetId: string | null;
  houseNumber: string | null;
  estimateM2: number | null;
  estimateTiles: number | null;
  tools: { tool: CampaignTool; quantity: number }[];
  wantsHelp: boolean;
  wantsPickup: boolean;
  status: SignupDayStatus;
  waitingPosition: number | null;
  signedUpAt: string;
  joined: boolean;
}

export interface ToolDemand {
  tool: CampaignTool;
  requested: number;
  /** max(0, requested − stock); 0 while no stock is entered. */
  short: number;
}

export interface DayPlanning {
  day: CampaignDay;
  capacity: number | null;
  confirmedCount: number;
  waitingCount: number;
  confirmed: PlannedSignup[];
  waiting: PlannedSignup[];
  tools: ToolDemand[];
  helpRequests: number;
  pickupRequests: number;
  streets: { street: Street; signups: number; lat: number | null; lon: number | null }[];
}

export async function buildDayPlanning(db: DbOrTrx, day: CampaignDayRow): Promise<DayPlanning> {
  const [confirmedRows, waitingRows, campaignTools, requested] = await Promise.all([
    repo.signupDaysOfDay(db, day.id, 'CONFIRMED'),
    repo.signupDaysOfDay(db, day.id, 'WAITING'),
    toolRepo.toolsOfCampaigns(db, [day.campaign_id]),
    toolRepo.requestedOnDay(db, day.id),
  ]);
  const ids = [...confirmedRows, ...waitingRows].map((r) => r.signup_id);
  const [signups, toolRows] = await Promise.all([repo.findSignupsByIds(db, ids), repo.toolsOfSignups(db, ids)]);
  const byId = new Map(signups.map((s) => [s.id, s]));
  const tools = new Map(campaignTools.map((t) => [t.id, toCampaignTool(t)]));
  const planned = (row: SignupDayRow, index: number): PlannedSignup => {
    const s = byId.get(row.signup_id)!;
    return {
      id: s.id,
      dayId: day.id,
      displayName: s.display_name ?? ERASED_NAME,
      contact: s.contact_consent_at ? s.contact : null,
      walkerKind: s.walker_kind,
      organisation: s.organisation,
      needs: s.needs,
      streetId: s.street_id,
      houseNumber: s.house_number,
      estimateM2: s.estimate_area_cm2 === null ? null : s.estimate_area_cm2 / CM2_PER_M2,
      estimateTiles: s.estimate_tiles,
      tools: campaignTools.flatMap((t) => toolRows.filter((r) => r.signup_id === s.id && r.tool_id === t.id).map((r) => ({ tool: tools.get(t.id)!, quantity: r.quantity }))),
      wantsHelp: s.wants_help === 1,
      wantsPickup: s.wants_pickup === 1,
      status: row.status,
      waitingPosition: row.status === 'WAITING' ? index + 1 : null,
      signedUpAt: s.created_at,
      joined: s.participant_id !== null,
    };
  };
  const confirmed = confirmedRows.map(planned);
  const waiting = waitingRows.map(planned);

  const perStreet = new Map<string, number>();
  for (const s of confirmed) if (s.streetId) perStreet.set(s.streetId, (perStreet.get(s.streetId) ?? 0) + 1);
  const [streets, centroids] = await Promise.all([streetsByIds(db, [...perStreet.keys()]), streetCentroids(db, [...perStreet.keys()])]);
  const requestedOf = new Map(requested.map((r) => [r.tool_id, r.requested]));
  return {
    day: toCampaignDay(day),
    capacity: day.capacity,
    confirmedCount: confirmed.length,
    waitingCount: waiting.length,
    confirmed,
    waiting,
    tools: [...tools.values()].map((tool) => {
      const asked = requestedOf.get(tool.id) ?? 0;
      return { tool, requested: asked, short: tool.stock === null ? 0 : Math.max(0, asked - tool.stock) };
    }),
    helpRequests: confirmed.filter((s) => s.wantsHelp).length,
    pickupRequests: confirmed.filter((s) => s.wantsPickup).length,
    streets: streets
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
      .map((street) => ({ street, signups: perStreet.get(street.id)!, lat: centroids.get(street.id)?.lat ?? null, lon: centroids.get(street.id)?.lon ?? null })),
  };
}

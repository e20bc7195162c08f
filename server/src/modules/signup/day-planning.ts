/**
 * A date's planning as the coordinator reads it: who comes (against the capacity), the
 * waiting list, tools asked for against the stock, help and pickup requests, and the
 * streets with sign-ups for the map. Built from the confirmed and waiting rows of the day;
 * a date holds at most SIGNUPS_PER_DAY_MAX (protocol/input-limits) of them, so it is one
 * read, not a page. Every related set (tools, other dates, streets) is read once for the
 * whole date, not per person.
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { DbOrTrx } from '../../db/database.js';
import { daysOfCampaigns } from '../campaign/campaign.repo.js';
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
  /** The campaign's other dates this sign-up holds (confirmed or waiting), in date order. */
  otherDates: CampaignDay[];
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
  const [signups, toolRows, heldRows, campaignDays] = await Promise.all([
    repo.findSignupsByIds(db, ids),
    repo.toolsOfSignups(db, ids),
    repo.daysOfSignups(db, ids),
    daysOfCampaigns(db, [day.campaign_id]),
  ]);
  const byId = new Map(signups.map((s) => [s.id, s]));
  const tools = new Map(campaignTools.map((t) => [t.id, toCampaignTool(t)]));
  const otherDaysOf = otherDatesBySignup(heldRows, campaignDays, day.id);
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
      otherDates: otherDaysOf.get(s.id) ?? [],
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

/** Per sign-up, the dates it holds besides `dayId`, in the campaign's date order. */
function otherDatesBySignup(held: readonly SignupDayRow[], campaignDays: readonly CampaignDayRow[], dayId: string): Map<string, CampaignDay[]> {
  const heldBy = new Map<string, Set<string>>();
  for (const row of held) if (row.day_id !== dayId) heldBy.set(row.signup_id, (heldBy.get(row.signup_id) ?? new Set()).add(row.day_id));
  const sorted = [...campaignDays].sort((a, b) => a.date.localeCompare(b.date));
  return new Map([...heldBy].map(([signupId, dayIds]) => [signupId, sorted.filter((d) => dayIds.has(d.id)).map(toCampaignDay)]));
}

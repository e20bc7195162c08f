/**
 * What the public sign-up pages show: the form of an open campaign (its future dates and
 * whether they are full, the neighbourhood's streets, the tools; nothing about who signed
 * up), and a sign-up as its owner sees it through the personal link.
 */
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import type { DbOrTrx } from '../../db/database.js';
import { DomainError, ErrorCode } from '../../domain-error.js';
import { daysOfCampaigns, findCampaign } from '../campaign/campaign.repo.js';
import { todayInNetherlands } from '../campaign/local-date.js';
import type { CampaignDayRow, CampaignKind, CampaignRow } from '../campaign/campaign.table.js';
import { allStreets, findNeighbourhoodsByIds, findStreetsByIds } from '../neighbourhood/neighbourhood.repo.js';
import { lendsTools, toolsOfCampaigns } from './campaign-tools.repo.js';
import * as repo from './signup.repo.js';
import type { SignupDayStatus, SignupRow, WalkerKind } from './signup.table.js';

/**
 * One answer for an unknown campaign, a closed sign-up and an unknown link, so that no
 * answer tells which campaigns or sign-ups exist.
 */
export const signupNotFound = () => new DomainError(ErrorCode.NOT_FOUND, 'Deze aanmelding bestaat niet of is gesloten. Kijk of je de hele link hebt overgenomen.');

export interface SignupFormDay {
  id: string;
  date: string;
  label: string | null;
  full: boolean;
}

export interface NamedItem {
  id: string;
  name: string;
}

export interface SignupForm {
  campaignId: string;
  campaignName: string;
  kind: CampaignKind;
  neighbourhoodName: string;
  days: SignupFormDay[];
  streets: NamedItem[];
  tools: NamedItem[];
}

export interface MySignup {
  id: string;
  campaignId: string;
  campaignName: string;
  kind: CampaignKind;
  days: { day: SignupFormDay; status: SignupDayStatus; waitingPosition: number | null }[];
  displayName: string;
  contact: string | null;
  contactConsent: boolean;
  walkerKind: WalkerKind | null;
  organisation: string | null;
  needs: string | null;
  street: NamedItem | null;
  houseNumber: string | null;
  estimateM2: number | null;
  estimateTiles: number | null;
  tools: { tool: NamedItem; quantity: number }[];
  wantsHelp: boolean;
  wantsPickup: boolean;
  cancelledAt: string | null;
  joined: boolean;
}

/** The campaign when its sign-up is open, else undefined. */
export async function openSignupCampaign(db: DbOrTrx, campaignId: string): Promise<CampaignRow | undefined> {
  const campaign = await findCampaign(db, campaignId);
  return campaign && campaign.signup_open === 1 && campaign.status !== 'CLOSED' ? campaign : undefined;
}

/** The campaign's dates from today on, in date order. */
export async function futureDays(db: DbOrTrx, campaignId: string, now: Date): Promise<CampaignDayRow[]> {
  const today = todayInNetherlands(now);
  return (await daysOfCampaigns(db, [campaignId])).filter((d) => d.date >= today);
}

async function formDays(db: DbOrTrx, days: readonly CampaignDayRow[]): Promise<Map<string, SignupFormDay>> {
  const counts = await repo.countsOfDays(db, days.map((d) => d.id));
  return new Map(days.map((d) => [d.id, { id: d.id, date: d.date, label: d.label, full: d.capacity !== null && counts.get(d.id)!.confirmed >= d.capacity }]));
}

export async function loadSignupForm(db: DbOrTrx, campaignId: string, now: Date): Promise<SignupForm> {
  const campaign = await openSignupCampaign(db, campaignId);
  if (!campaign) throw signupNotFound();
  const [days, [neighbourhood], streets, tools] = await Promise.all([
    futureDays(db, campaign.id, now),
    findNeighbourhoodsByIds(db, [campaign.neighbourhood_id]),
    allStreets(db, campaign.neighbourhood_id),
    lendsTools(campaign.kind) ? toolsOfCampaigns(db, [campaign.id]) : Promise.resolve([]),
  ]);
  return {
    campaignId: campaign.id,
    campaignName: campaign.name,
    kind: campaign.kind,
    neighbourhoodName: neighbourhood!.name,
    days: [...(await formDays(db, days)).values()],
    streets: streets.map((s) => ({ id: s.id, name: s.name })),
    tools: tools.map((t) => ({ id: t.id, name: t.name })),
  };
}

/** The sign-up as its owner sees it. */
export async function loadMySignup(db: DbOrTrx, row: SignupRow): Promise<MySignup> {
  const [campaign, signupDays, toolRows, campaignTools, streets] = await Promise.all([
    findCampaign(db, row.campaign_id),
    repo.daysOfSignups(db, [row.id]),
    repo.toolsOfSignups(db, [row.id]),
    toolsOfCampaigns(db, [row.campaign_id]),
    findStreetsByIds(db, row.street_id ? [row.street_id] : []),
  ]);
  const days = (await daysOfCampaigns(db, [row.campaign_id])).filter((d) => signupDays.some((s) => s.day_id === d.id));
  const shown = await formDays(db, days);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignName: campaign!.name,
    kind: campaign!.kind,
    days: await Promise.all(
      days.map(async (day) => {
        const own = signupDays.find((s) => s.day_id === day.id)!;
        return { day: shown.get(day.id)!, status: own.status, waitingPosition: own.status === 'WAITING' ? (await repo.waitingAhead(db, own)) + 1 : null };
      }),
    ),
    displayName: row.display_name ?? '',
    contact: row.contact,
    contactConsent: row.contact_consent_at !== null,
    walkerKind: row.walker_kind,
    organisation: row.organisation,
    needs: row.needs,
    street: streets[0] ? { id: streets[0].id, name: streets[0].name } : null,
    houseNumber: row.house_number,
    estimateM2: row.estimate_area_cm2 === null ? null : row.estimate_area_cm2 / CM2_PER_M2,
    estimateTiles: row.estimate_tiles,
    tools: campaignTools.flatMap((tool) => toolRows.filter((r) => r.tool_id === tool.id).map((r) => ({ tool: { id: tool.id, name: tool.name }, quantity: r.quantity }))),
    wantsHelp: row.wants_help === 1,
    wantsPickup: row.wants_pickup === 1,
    cancelledAt: row.cancelled_at,
    joined: row.participant_id !== null,
  };
}

/**
 * Demo sign-ups: both demo campaigns take sign-ups, their dates have a capacity, and a
 * handful of invented people signed up for today's action day and today's walk, so the
 * planning, the pickup list and the teams have something to show. Every name says it is
 * demo data; nobody's real address or contact is in here. The personal links are random
 * and never shown: these sign-ups are for the coordinator's side.
 */
import { hashSecret, randomToken } from '../auth/tokens.js';
import type { Viewer } from '../auth/viewer.js';
import type { DbOrTrx } from '../db/database.js';
import type { Campaign } from '../modules/campaign/campaign.service.js';
import { daysOfCampaigns } from '../modules/campaign/campaign.repo.js';
import { toolsOfCampaigns } from '../modules/signup/campaign-tools.repo.js';
import { setDayCapacity } from '../modules/signup/signup-planning.repo.js';
import { setSignupOpen } from '../modules/signup/signup-planning.service.js';
import { takePlaces } from '../modules/signup/signup-places.js';
import * as repo from '../modules/signup/signup.repo.js';
import type { SignupRow } from '../modules/signup/signup.table.js';

type Person = Partial<SignupRow> & { display_name: string };

const GARDENS: (Person & { street: string; tools: Record<string, number> })[] = [
  { display_name: 'Anouk (demo)', street: 'Troelstrastraat', house_number: '12', estimate_area_cm2: 150_000, wants_help: 0, wants_pickup: 1, tools: { tegellichter: 1, kruiwagen: 1 } },
  { display_name: 'Bram (demo)', street: 'Troelstrastraat', house_number: '27a', estimate_tiles: 120, wants_help: 1, wants_pickup: 1, tools: { tegellichter: 1 } },
  { display_name: 'Fatima (demo)', street: 'Johan de Wittstraat', house_number: '4', estimate_area_cm2: 80_000, wants_help: 1, wants_pickup: 0, tools: { kruiwagen: 1, bigbag: 2 } },
  { display_name: 'Henk (demo)', street: 'Van Hoogendorpweg', house_number: '101', estimate_area_cm2: 250_000, wants_help: 0, wants_pickup: 1, tools: { bigbag: 3 } },
  { display_name: 'Lotte (demo)', street: 'Groen van Prinstererstraat', house_number: '9-2', estimate_tiles: 60, wants_help: 0, wants_pickup: 1, tools: {} },
];

const WALKERS: Person[] = [
  { display_name: 'Marieke (demo)', walker_kind: 'RESIDENT', needs: 'Loopt liever niet meer dan een uur (demodata).' },
  { display_name: 'Youssef (demo)', walker_kind: 'RESIDENT' },
  { display_name: 'Els (demo)', walker_kind: 'RESIDENT' },
  { display_name: 'Pieter (demo)', walker_kind: 'PROFESSIONAL', organisation: 'Woonkracht10' },
  { display_name: 'Sandra (demo)', walker_kind: 'PROFESSIONAL', organisation: 'Gemeente Alblasserdam – Beheer & Onderhoud' },
  { display_name: 'Tom (demo)', walker_kind: 'RESIDENT' },
];

/** Opens the demo campaigns for sign-up with capacities on their dates, and signs the demo people up for the first date. */
export async function seedDemoSignups(trx: DbOrTrx, coordinator: Viewer, input: { schouw: Campaign; tegelwippen: Campaign; streetIds: Map<string, string> }, now: Date): Promise<void> {
  const capacities: [Campaign, number[]][] = [
    [input.tegelwippen, [12, 20]],
    [input.schouw, [16, 12]],
  ];
  for (const [campaign, perDay] of capacities) {
    await setSignupOpen(trx, coordinator, { campaignId: campaign.id, open: true, requestId: 'demo-seed' }, now);
    const days = await daysOfCampaigns(trx, [campaign.id]);
    for (const [index, day] of days.entries()) await setDayCapacity(trx, day.id, perDay[index] ?? null);
  }
  const tools = new Map((await toolsOfCampaigns(trx, [input.tegelwippen.id])).map((t) => [t.name, t.id]));
  for (const { street, tools: wanted, ...person } of GARDENS) {
    const id = await insertDemoSignup(trx, input.tegelwippen, { ...person, street_id: input.streetIds.get(street)! }, now);
    await repo.replaceSignupTools(trx, id, Object.entries(wanted).map(([name, quantity]) => ({ signup_id: id, tool_id: tools.get(name)!, quantity })));
  }
  for (const person of WALKERS) await insertDemoSignup(trx, input.schouw, person, now);
}

async function insertDemoSignup(trx: DbOrTrx, campaign: Campaign, person: Person, now: Date): Promise<string> {
  const at = now.toISOString();
  const row = repo.blankSignupRow(at, { campaign_id: campaign.id, token_hash: hashSecret(randomToken(32)), ...person });
  await repo.insertSignup(trx, row);
  const [firstDay] = await daysOfCampaigns(trx, [campaign.id]);
  await takePlaces(trx, row.id, [firstDay!], now);
  return row.id;
}

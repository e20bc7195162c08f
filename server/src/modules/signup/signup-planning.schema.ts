/**
 * GraphQL of the coordinator's side of sign-ups: opening the form, tools and their stock,
 * capacities, the date's planning with its waiting list, and the pickup list. Only for
 * coordinators of the campaign's neighbourhood (checked again per object in the services).
 */
import { DAY_CAPACITY_MAX, SIGNUPS_PER_DAY_MAX, TOOL_NAME_MAX, TOOL_STOCK_MAX } from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import type { Context } from '../../graphql/context.js';
import { builder } from '../../graphql/builder.js';
import { CampaignDayRef, CampaignRef } from '../campaign/campaign.schema.js';
import { StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { streetsByIds } from '../neighbourhood/neighbourhood.service.js';
import * as tools from './campaign-tools.service.js';
import type { DayPlanning, PlannedSignup, ToolDemand } from './day-planning.js';
import * as pickup from './pickup-list.service.js';
import * as planning from './signup-planning.service.js';
import * as removal from './signup-removal.service.js';
import { SignupDayStatusEnum, WalkerKindEnum } from './signup.schema.js';

export const CampaignToolRef = builder.objectRef<tools.CampaignTool>('CampaignTool').implement({
  description: "A tool people can borrow on a tegelwip or clean-up day, with the coordinator's stock.",
  authScopes: { coordinator: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    stock: t.exposeInt('stock', { nullable: true, description: 'How many there are on the central location; null until entered.' }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  signupOpen: t.exposeBoolean('signupOpen', { authScopes: { staff: true }, description: 'Whether the public sign-up form takes sign-ups.' }),
  tools: t.loadableList({
    type: CampaignToolRef,
    authScopes: { coordinator: true },
    description: 'Tools to borrow, in order (tegelwippen and clean-up; empty for a schouw).',
    load: async (ids: string[], ctx) => {
      const all = await tools.toolsOfCampaigns(ctx.db, ids);
      return ids.map((id) => all.filter((tool) => tool.campaignId === id));
    },
    resolve: (campaign) => campaign.id,
  }),
}));

builder.objectField(CampaignDayRef, 'capacity', (t) =>
  t.exposeInt('capacity', { nullable: true, description: 'How many people the date takes (sign-ups); null = no limit.' }),
);

const ToolDemandRef = builder.objectRef<ToolDemand>('ToolDemand').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    tool: t.field({ type: CampaignToolRef, resolve: (d) => d.tool }),
    requested: t.exposeInt('requested', { description: "Asked for by the date's confirmed sign-ups." }),
    short: t.exposeInt('short', { description: 'How many more are needed than the stock; 0 while no stock is entered.' }),
  }),
});

const PlannedSignupToolRef = builder.objectRef<PlannedSignup['tools'][number]>('PlannedSignupTool').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({ tool: t.field({ type: CampaignToolRef, resolve: (r) => r.tool }), quantity: t.exposeInt('quantity') }),
});

/**
 * One audit record per date and request for reading sign-ups' contact details or
 * addresses, however many are shown and however often the request asks (aliases).
 */
const readsAudited = new WeakMap<Context, Map<string, Promise<void>>>();
function auditReadOnce(ctx: Context, what: planning.PersonalRead, dayId: string): Promise<void> {
  let reads = readsAudited.get(ctx);
  if (!reads) readsAudited.set(ctx, (reads = new Map()));
  const key = `${what}:${dayId}`;
  let done = reads.get(key);
  if (!done) reads.set(key, (done = planning.recordPersonalDataViewed(ctx.writeDb, ctx.viewer, what, dayId, ctx.requestId)));
  return done;
}

const PlannedSignupRef = builder.objectRef<PlannedSignup>('PlannedSignup').implement({
  description: 'A sign-up as the coordinator plans with it.',
  authScopes: { coordinator: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName'),
    contact: t.string({
      nullable: true,
      description: 'Given with consent; null after erasure. Reading it is recorded in the audit log.',
      resolve: async (s, _args, ctx) => {
        if (s.contact === null) return null;
        await auditReadOnce(ctx, 'contacts', s.dayId);
        return s.contact;
      },
    }),
    walkerKind: t.expose('walkerKind', { type: WalkerKindEnum, nullable: true }),
    organisation: t.exposeString('organisation', { nullable: true }),
    needs: t.exposeString('needs', { nullable: true }),
    street: t.loadable({
      type: StreetRef,
      nullable: true,
      load: (ids: string[], ctx) => streetsByIds(ctx.db, ids),
      sort: (s) => s.id,
      resolve: (s) => s.streetId,
    }),
    houseNumber: t.exposeString('houseNumber', { nullable: true }),
    estimateM2: t.exposeInt('estimateM2', { nullable: true }),
    estimateTiles: t.exposeInt('estimateTiles', { nullable: true }),
    tools: t.field({ type: [PlannedSignupToolRef], resolve: (s) => s.tools }),
    wantsHelp: t.exposeBoolean('wantsHelp'),
    wantsPickup: t.exposeBoolean('wantsPickup'),
    status: t.expose('status', { type: SignupDayStatusEnum }),
    waitingPosition: t.exposeInt('waitingPosition', { nullable: true }),
    signedUpAt: t.expose('signedUpAt', { type: 'DateTime' }),
    joined: t.exposeBoolean('joined'),
    otherDates: t.field({
      type: [CampaignDayRef],
      description: "The campaign's other dates this sign-up holds (confirmed or waiting), in date order; taking it off the list takes it off those too.",
      resolve: (s) => s.otherDates,
    }),
  }),
});

const StreetSignupsRef = builder.objectRef<DayPlanning['streets'][number]>('StreetSignups').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    street: t.field({ type: StreetRef, resolve: (s) => s.street }),
    signups: t.exposeInt('signups', { description: 'Confirmed sign-ups with a garden in this street.' }),
    lat: t.exposeFloat('lat', { nullable: true, description: "The middle of the street's spots; null when it has none with a position." }),
    lon: t.exposeFloat('lon', { nullable: true }),
  }),
});

const DayPlanningRef = builder.objectRef<DayPlanning>('DayPlanning').implement({
  description: "A date's planning: who comes, the waiting list, tools, help and pickup requests, streets.",
  authScopes: { coordinator: true },
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (p) => p.day }),
    capacity: t.exposeInt('capacity', { nullable: true }),
    confirmedCount: t.exposeInt('confirmedCount'),
    waitingCount: t.exposeInt('waitingCount'),
    confirmed: t.field({ type: [PlannedSignupRef], description: `In signed-up order (at most ${SIGNUPS_PER_DAY_MAX} a date).`, resolve: (p) => p.confirmed }),
    waiting: t.field({ type: [PlannedSignupRef], description: 'In waiting-list order.', resolve: (p) => p.waiting }),
    tools: t.field({ type: [ToolDemandRef], resolve: (p) => p.tools }),
    helpRequests: t.exposeInt('helpRequests'),
    pickupRequests: t.exposeInt('pickupRequests'),
    streets: t.field({ type: [StreetSignupsRef], resolve: (p) => p.streets }),
  }),
});

const PickupRowRef = builder.objectRef<pickup.PickupRow>('PickupRow').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    street: t.field({ type: StreetRef, resolve: (r) => r.street }),
    houseNumber: t.exposeString('houseNumber'),
    estimatedM2: t.exposeFloat('estimatedM2', { nullable: true, description: 'From the estimate in m², or in tiles at 11 per m².' }),
    countedM2: t.exposeFloat('countedM2', { nullable: true, description: 'Net area counted at this address on this day; null before counting started there.' }),
    wantsPickup: t.exposeBoolean('wantsPickup'),
  }),
});

const CampaignToolInput = builder.inputType('CampaignToolInput', {
  fields: (t) => ({
    id: t.id({ required: false, description: 'Empty for a new tool.' }),
    name: t.string({ validate: z.string().trim().min(1, 'Geef het gereedschap een naam.').max(TOOL_NAME_MAX, `Gebruik hoogstens ${TOOL_NAME_MAX} tekens.`) }),
    stock: t.int({ required: false, validate: z.number().int().min(0, 'De voorraad kan niet onder 0.').max(TOOL_STOCK_MAX, `Vul hoogstens ${TOOL_STOCK_MAX.toLocaleString('nl-NL')} in.`).nullish() }),
  }),
});

builder.queryFields((t) => ({
  dayPlanning: t.field({
    type: DayPlanningRef,
    nullable: true,
    description: "A date's planning, or null when the date does not exist or is not yours.",
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id() },
    resolve: (_root, args, ctx) => planning.dayPlanning(ctx.db, ctx.viewer, String(args.dayId)),
  }),
  pickupList: t.field({
    type: [PickupRowRef],
    description: "Confirmed tegelwip sign-ups of the date with an address, by street and house number; reading addresses is recorded in the audit log. Also as CSV: /exports/days/{dayId}/ophaallijst.csv.",
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const rows = await pickup.pickupList(ctx.db, ctx.viewer, String(args.dayId));
      if (rows.length > 0) await auditReadOnce(ctx, 'addresses', String(args.dayId));
      return rows;
    },
  }),
}));

builder.mutationFields((t) => ({
  setSignupOpen: t.field({
    type: CampaignRef,
    description: 'Opens or closes the public sign-up form.',
    authScopes: { coordinator: true },
    args: { campaignId: t.arg.id(), open: t.arg.boolean() },
    resolve: (_root, args, ctx) => planning.setSignupOpen(ctx.db, ctx.viewer, { campaignId: String(args.campaignId), open: args.open, requestId: ctx.requestId }),
  }),
  setCampaignDayCapacity: t.field({
    type: CampaignDayRef,
    description: `How many people a date takes (1 to ${DAY_CAPACITY_MAX}), or null for no limit. Raising it moves the waiting list up; lowering it keeps who is confirmed.`,
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id(), capacity: t.arg.int({ required: false, validate: z.number().int().min(1, 'Vul minstens 1 in.').max(DAY_CAPACITY_MAX, `Vul hoogstens ${DAY_CAPACITY_MAX} in.`).nullish() }) },
    resolve: (_root, args, ctx) => planning.setDayCapacity(ctx.db, ctx.viewer, { dayId: String(args.dayId), capacity: args.capacity ?? null, requestId: ctx.requestId }),
  }),
  saveCampaignTools: t.field({
    type: [CampaignToolRef],
    description: 'Saves the whole list of tools, in order. CONFLICT when a tool somebody asked for would be removed.',
    authScopes: { coordinator: true },
    args: { campaignId: t.arg.id(), tools: t.arg({ type: [CampaignToolInput], validate: z.array(z.unknown()).max(30, 'Hoogstens 30 soorten gereedschap.') }) },
    resolve: (_root, args, ctx) =>
      tools.saveCampaignTools(ctx.db, ctx.viewer, String(args.campaignId), args.tools.map((tool) => ({ ...tool, id: tool.id == null ? null : String(tool.id) })), ctx.requestId),
  }),
  removeSignup: t.boolean({
    description:
      "Removes a sign-up (a bot, someone who asked to be taken off, a date called off): cancelled on every date, each freed place goes to the first person waiting, and its name, contact, address and needs are erased, so its personal link stops working. Audited. NOT_FOUND when the sign-up's campaign is not yours.",
    authScopes: { coordinator: true },
    args: { signupId: t.arg.id() },
    resolve: (_root, args, ctx) => removal.removeSignup(ctx.db, ctx.viewer, { signupId: String(args.signupId), requestId: ctx.requestId }),
  }),
  promoteSignup: t.field({
    type: DayPlanningRef,
    description: 'Confirms someone from the waiting list of a date, also beyond its capacity.',
    authScopes: { coordinator: true },
    args: { signupId: t.arg.id(), dayId: t.arg.id() },
    resolve: (_root, args, ctx) => planning.promoteSignup(ctx.db, ctx.viewer, { signupId: String(args.signupId), dayId: String(args.dayId), requestId: ctx.requestId }),
  }),
}));

/** GraphQL types and operations for campaigns (acties) and their status. What a campaign counts and its days' streets: campaign-units.schema.ts. */
import { MAX_UNIT_TARGET } from '@buurtkracht/protocol/tally-units';
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { NeighbourhoodRef } from '../neighbourhood/neighbourhood.schema.js';
import { neighbourhoodsByIds } from '../neighbourhood/neighbourhood.service.js';
import { TallyUnitEnum } from '../tally/tally-unit.schema.js';
import { MAX_CAMPAIGN_UNITS, TARGET_MESSAGE } from './campaign-unit-rules.js';
import * as service from './campaign.service.js';
import { CAMPAIGN_NAME_MAX_LENGTH } from './campaign.table.js';

export const CampaignKindEnum = builder.enumType('CampaignKind', {
  values: {
    SCHOUW: { description: 'The yearly inspection walk with a checklist.' },
    TEGELWIPPEN: { description: 'Action days on which paving tiles are lifted out of gardens and counted.' },
    OPRUIMEN: { description: 'A clean-up action: residents tidy gardens together, HVC takes away bulky items; bags, items and gardens helped are counted.' },
  } as const,
});

export const CampaignStatusEnum = builder.enumType('CampaignStatus', {
  values: {
    DRAFT: { description: 'Being prepared; participants can join to try it out.' },
    OPEN: { description: 'Field work is accepted.' },
    CLOSED: { description: 'Read only; personal data is erased after the retention period.' },
  } as const,
});

export const CampaignRef = builder.objectRef<service.Campaign>('Campaign');

export const CampaignDayRef = builder.objectRef<service.CampaignDay>('CampaignDay').implement({
  description: 'A walk date of a schouw or an action day of a tegelwip or clean-up campaign.',
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.exposeString('date', { description: 'YYYY-MM-DD (local date).' }),
    label: t.exposeString('label', { nullable: true }),
  }),
});

CampaignRef.implement({
  description: 'A schouw, tegelwip or clean-up action in one neighbourhood.',
  // ownCampaign is granted by joinCampaign, whose caller joins only in that answer.
  authScopes: { staff: true, participant: true, $granted: 'ownCampaign' },
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: CampaignKindEnum }),
    name: t.exposeString('name'),
    status: t.expose('status', { type: CampaignStatusEnum }),
    neighbourhood: t.loadable({
      type: NeighbourhoodRef,
      load: (ids: string[], ctx) => neighbourhoodsByIds(ctx.db, ids),
      sort: (n) => n.id,
      resolve: (campaign) => campaign.neighbourhoodId,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    openedAt: t.expose('openedAt', { type: 'DateTime', nullable: true }),
    closedAt: t.expose('closedAt', { type: 'DateTime', nullable: true }),
    days: t.loadableList({
      type: CampaignDayRef,
      description: 'Walk dates or action days, in date order.',
      load: async (ids: string[], ctx) => {
        const days = await service.daysOfCampaigns(ctx.db, ids);
        return ids.map((id) => days.filter((d) => d.campaignId === id));
      },
      resolve: (campaign) => campaign.id,
    }),
    targetAreaM2: t.float({ nullable: true, description: 'Tegelwippen goal in m²; null for a schouw or a clean-up (its targets are per unit).', resolve: (c) => (c.targetAreaCm2 === null ? null : c.targetAreaCm2 / 10_000) }),
    publicProgress: t.exposeBoolean('publicProgress', { description: 'Whether the public progress page is on.' }),
    publicResults: t.exposeBoolean('publicResults', { description: 'Schouw: whether the public results page (scores, findings handled, action plan) is on.' }),
  }),
});

const isoDate = z.iso.date('Gebruik een datum als 2026-05-16.');

const CampaignDayInput = builder.inputType('CampaignDayInput', {
  fields: (t) => ({ date: t.string({ validate: isoDate }), label: t.string({ required: false, validate: z.string().trim().max(80).nullish() }) }),
});

export const CampaignUnitInput = builder.inputType('CampaignUnitInput', {
  description: 'A unit a campaign counts, with its optional target.',
  fields: (t) => ({
    code: t.field({ type: TallyUnitEnum }),
    target: t.int({ required: false, description: `1 to ${MAX_UNIT_TARGET}; null or absent: no target.`, validate: z.number().int(TARGET_MESSAGE).min(1, TARGET_MESSAGE).max(MAX_UNIT_TARGET, TARGET_MESSAGE).nullish() }),
  }),
});

/**
 * At the edge: how many, and each code once. Whether the codes fit the campaign's kind is
 * the service's rule (campaign-unit-rules.ts), and so is an empty list: a clean-up needs
 * one unit, a tegelwip action may drop every target, a schouw counts nothing.
 */
export const campaignUnitsRule = z
  .array(z.object({ code: z.string() }).loose())
  .max(MAX_CAMPAIGN_UNITS, { message: `Kies hoogstens ${MAX_CAMPAIGN_UNITS} dingen om te tellen.`, abort: true })
  .refine((units) => new Set(units.map((u) => u.code)).size === units.length, 'Noem elk ding om te tellen maar één keer.');

const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  fields: (t) => ({
    neighbourhoodId: t.id(),
    kind: t.field({ type: CampaignKindEnum }),
    name: t.string({ validate: z.string().trim().min(3, 'Geef de actie een naam van minstens 3 tekens.').max(CAMPAIGN_NAME_MAX_LENGTH) }),
    days: t.field({ type: [CampaignDayInput], required: false, validate: z.array(z.any()).max(60, 'Hoogstens 60 dagen.').nullish() }),
    targetAreaM2: t.int({ required: false, validate: z.number().int().min(1).max(1_000_000).nullish() }),
    publicProgress: t.boolean({ required: false }),
    checklistVersionId: t.id({ required: false }),
    units: t.field({
      type: [CampaignUnitInput],
      required: false,
      description: 'What it counts. Clean-up: the units in the order the counter offers them (default: every clean-up unit). Tegelwippen: targets of tile units only (it counts every tile size). Schouw: none.',
      validate: campaignUnitsRule.nullish(),
    }),
  }),
});

const UpdateCampaignInput = builder.inputType('UpdateCampaignInput', {
  fields: (t) => ({
    campaignId: t.id(),
    name: t.string({ required: false, validate: z.string().trim().min(3).max(CAMPAIGN_NAME_MAX_LENGTH).nullish() }),
    targetAreaM2: t.int({ required: false, validate: z.number().int().min(1).max(1_000_000).nullish() }),
    publicProgress: t.boolean({ required: false }),
    publicResults: t.boolean({ required: false, description: 'Schouw only; may change after the schouw closed.' }),
    checklistVersionId: t.id({ required: false }),
  }),
});

const AddCampaignDayInput = builder.inputType('AddCampaignDayInput', {
  fields: (t) => ({ campaignId: t.id(), date: t.string({ validate: isoDate }), label: t.string({ required: false, validate: z.string().trim().max(80).nullish() }) }),
});

const ChangeCampaignStatusInput = builder.inputType('ChangeCampaignStatusInput', {
  fields: (t) => ({ campaignId: t.id(), status: t.field({ type: CampaignStatusEnum }) }),
});

builder.queryFields((t) => ({
  campaign: t.field({
    type: CampaignRef,
    nullable: true,
    description: 'One campaign, or null when it does not exist or is not yours to see.',
    authScopes: { $any: { staff: true, participant: true } },
    args: { id: t.arg.id() },
    resolve: (_root, { id }, ctx) => service.findCampaign(ctx.db, ctx.viewer, String(id)),
  }),
  campaigns: t.connection(
    {
      type: CampaignRef,
      description: 'The campaigns you may see, newest first.',
      authScopes: { $any: { staff: true, participant: true } },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => service.listCampaigns(ctx.db, ctx.viewer, page), (c) => [c.createdAt, c.id], 2),
    },
    { name: 'CampaignConnection' },
    { name: 'CampaignEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createCampaign: t.field({
    type: CampaignRef,
    description: 'Creates a campaign in DRAFT in a neighbourhood you coordinate.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: CreateCampaignInput }) },
    resolve: (_root, { input }, ctx) =>
      service.createCampaign(ctx.db, ctx.viewer, {
        ...input,
        neighbourhoodId: String(input.neighbourhoodId),
        checklistVersionId: input.checklistVersionId == null ? null : String(input.checklistVersionId),
        requestId: ctx.requestId,
      }),
  }),
  updateCampaign: t.field({
    type: CampaignRef,
    description: 'Changes name, target, public page or (while a schouw is a draft) its checklist version.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: UpdateCampaignInput }) },
    resolve: (_root, { input }, ctx) =>
      service.updateCampaignSettings(ctx.db, ctx.viewer, {
        ...input,
        campaignId: String(input.campaignId),
        checklistVersionId: input.checklistVersionId == null ? null : String(input.checklistVersionId),
      }),
  }),
  addCampaignDay: t.field({
    type: CampaignDayRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: AddCampaignDayInput }) },
    resolve: (_root, { input }, ctx) => service.addCampaignDay(ctx.db, ctx.viewer, { ...input, campaignId: String(input.campaignId) }),
  }),
  removeCampaignDay: t.field({
    type: CampaignRef,
    description: 'Takes out a day entered by mistake; refused once something was counted on it, or for the last day.',
    authScopes: { coordinator: true },
    args: { dayId: t.arg.id() },
    resolve: (_root, { dayId }, ctx) => service.removeCampaignDay(ctx.db, ctx.viewer, String(dayId)),
  }),
  changeCampaignStatus: t.field({
    type: CampaignRef,
    description: 'Moves a campaign DRAFT → OPEN → CLOSED; other transitions answer CONFLICT.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: ChangeCampaignStatusInput }) },
    resolve: (_root, { input }, ctx) =>
      service.changeCampaignStatus(ctx.db, ctx.viewer, { campaignId: String(input.campaignId), status: input.status, requestId: ctx.requestId }),
  }),
}));

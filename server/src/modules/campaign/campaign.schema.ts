/** GraphQL types and operations for campaigns (acties) and their status. */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { NeighbourhoodRef } from '../neighbourhood/neighbourhood.schema.js';
import { neighbourhoodsByIds } from '../neighbourhood/neighbourhood.service.js';
import * as service from './campaign.service.js';

export const CampaignKindEnum = builder.enumType('CampaignKind', {
  values: {
    SCHOUW: { description: 'The yearly inspection walk with a checklist.' },
    TEGELWIPPEN: { description: 'Action days on which paving tiles are lifted out of gardens and counted.' },
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

CampaignRef.implement({
  description: 'A schouw or tegelwip action in one neighbourhood.',
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
  }),
});

const CreateCampaignInput = builder.inputType('CreateCampaignInput', {
  fields: (t) => ({
    neighbourhoodId: t.id(),
    kind: t.field({ type: CampaignKindEnum }),
    name: t.string({ validate: z.string().trim().min(3, 'Geef de actie een naam van minstens 3 tekens.').max(120) }),
  }),
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
      service.createCampaign(ctx.db, ctx.viewer, { ...input, neighbourhoodId: String(input.neighbourhoodId), requestId: ctx.requestId }),
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

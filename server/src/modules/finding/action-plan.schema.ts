/**
 * GraphQL for the action plan: items, what a finding is part of, the partner's list, and
 * the mutations that make, change and remove items.
 */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { OrganisationRef } from '../account/account.schema.js';
import { organisationsByIds } from '../account/account.service.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { loadCampaign } from '../campaign/campaign.service.js';
import * as plan from './action-plan.service.js';
import { PUBLIC_MESSAGE_MAX } from './finding-workflow.js';
import { FindingRef, str } from './finding.schema.js';
import { ACTION_ITEM_STATUSES } from './finding.table.js';

export const ActionItemStatusEnum = builder.enumType('ActionItemStatus', {
  values: { OPEN: { description: 'Nog niet begonnen.' }, BEZIG: { description: 'Er wordt aan gewerkt.' }, KLAAR: { description: 'Gedaan.' } } satisfies Record<(typeof ACTION_ITEM_STATUSES)[number], unknown>,
});

export const ActionItemRef = builder.objectRef<plan.ActionItem>('ActionItem').implement({
  description: 'A point of the action plan made from one or more findings.',
  // Coordinators of the neighbourhood and its walkers (Campaign.actionPlan); partners for their organisation's items.
  authScopes: { $any: { staff: true, participant: true } },
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    owner: t.string({
      nullable: true,
      description: "Who takes it on (a team, a role or a person). Staff only: it may be a person's name, so walkers get null.",
      resolve: (item, _args, ctx) => (ctx.viewer.kind === 'staff' ? item.owner : null),
    }),
    ownerOrganisation: t.loadable({
      type: OrganisationRef,
      nullable: true,
      description: 'The organisation that owns the item; its partner staff may change status and public message.',
      authScopes: { staff: true },
      load: (ids: string[], ctx) => organisationsByIds(ctx.db, ids),
      sort: (o) => o.id,
      resolve: (item) => item.ownerOrganisationId,
    }),
    dueDate: t.exposeString('dueDate', { nullable: true, description: 'YYYY-MM-DD' }),
    status: t.expose('status', { type: ActionItemStatusEnum }),
    publicMessage: t.exposeString('publicMessage', { nullable: true, description: 'Plain Dutch for residents whose finding is part of the item, and for the public results.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'The last change of the item or its findings; null when unchanged since it was made.' }),
    campaign: t.loadable({
      type: CampaignRef,
      load: async (ids: string[], ctx) => Promise.all(ids.map(async (id) => (await loadCampaign(ctx.db, id))!)),
      resolve: (item) => item.campaignId,
    }),
    findingIds: t.loadableList({
      type: 'ID',
      description: 'The findings the item was made from; for partners only those routed to their organisation.',
      load: async (ids: string[], ctx) => {
        const links = await plan.findingIdsOfActionItems(ctx.db, ctx.viewer, ids);
        return ids.map((id) => links.filter((l) => l.actionItemId === id).map((l) => l.findingId));
      },
      resolve: (item) => item.id,
    }),
  }),
});

const FindingActionItemRef = builder.objectRef<plan.LinkedActionItem>('FindingActionItem').implement({
  description: 'An action plan item a finding is part of, as its reporter and the other walkers see it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    status: t.expose('status', { type: ActionItemStatusEnum }),
    publicMessage: t.exposeString('publicMessage', { nullable: true }),
  }),
});

builder.objectField(FindingRef, 'actionItems', (t) =>
  t.loadableList({
    type: FindingActionItemRef,
    description: 'The action plan items this finding is part of, oldest first.',
    load: async (ids: string[], ctx) => {
      const items = await plan.actionItemsOfFindings(ctx.db, ids);
      return ids.map((id) => items.filter((i) => i.findingId === id));
    },
    resolve: (f) => f.id,
  }),
);

builder.objectFields(CampaignRef, (t) => ({
  actionPlan: t.field({ type: [ActionItemRef], description: 'The action plan of this schouw (bounded, at most a few hundred items).', resolve: (campaign, _args, ctx) => plan.actionPlan(ctx.db, ctx.viewer, campaign.id) }),
}));

builder.queryFields((t) => ({
  partnerActionItems: t.connection(
    {
      type: ActionItemRef,
      description: 'Partners: the action plan items your organisation owns, newest first.',
      authScopes: { staff: true },
      resolve: (_root, args, ctx) => resolveKeysetConnection(args, (page) => plan.organisationActionItems(ctx.db, ctx.viewer, page), (item) => [item.createdAt, item.id], 2),
    },
    { name: 'PartnerActionItemConnection' },
    { name: 'PartnerActionItemEdge' },
  ),
}));

const title = z.string().trim().min(3, 'Geef het actiepunt een titel van minstens 3 tekens.').max(200, 'Gebruik hoogstens 200 tekens.');
const owner = z.string().trim().min(2, 'Vul in wie het oppakt (minstens 2 tekens).').max(120, 'Gebruik hoogstens 120 tekens.');
const dueDate = z.iso.date('Gebruik een datum als 2026-05-16.');
const publicMessage = z.string().max(PUBLIC_MESSAGE_MAX + 100, `Houd het bericht korter dan ${PUBLIC_MESSAGE_MAX} tekens.`);
const findingIds = z.array(z.string()).max(plan.MAX_LINKED_FINDINGS, `Hoogstens ${plan.MAX_LINKED_FINDINGS} bevindingen per keer.`);

const CreateActionItemInput = builder.inputType('CreateActionItemInput', {
  fields: (t) => ({
    campaignId: t.id(),
    title: t.string({ validate: title }),
    owner: t.string({ validate: owner }),
    ownerOrganisationId: t.id({ required: false }),
    dueDate: t.string({ required: false, validate: dueDate.nullish() }),
    publicMessage: t.string({ required: false, description: 'Plain Dutch for residents; no names or addresses.', validate: publicMessage.nullish() }),
    findingIds: t.idList({ validate: findingIds }),
  }),
});

const UpdateActionItemInput = builder.inputType('UpdateActionItemInput', {
  description: 'Fields left out stay as they are. Partners may change only status and publicMessage.',
  fields: (t) => ({
    actionItemId: t.id(),
    title: t.string({ required: false, validate: title.nullish() }),
    owner: t.string({ required: false, validate: owner.nullish() }),
    ownerOrganisationId: t.id({ required: false, description: 'null: no organisation.' }),
    dueDate: t.string({ required: false, description: 'YYYY-MM-DD; null: no due date.', validate: dueDate.nullish() }),
    status: t.field({ type: ActionItemStatusEnum, required: false }),
    publicMessage: t.string({ required: false, description: 'Plain Dutch for residents (at least 10 characters); null or empty: none.', validate: publicMessage.nullish() }),
    addFindingIds: t.idList({ required: false, description: 'Findings of the same schouw to add to the item.', validate: findingIds.nullish() }),
    removeFindingIds: t.idList({ required: false, description: 'Findings to take out of the item (they stay findings).', validate: findingIds.nullish() }),
  }),
});

/** An optional ID argument: absent stays absent (unchanged), null stays null (cleared). */
const optionalId = (value: string | number | null | undefined) => (value === undefined ? undefined : value === null ? null : str(value));

builder.mutationFields((t) => ({
  createActionItem: t.field({
    type: ActionItemRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: CreateActionItemInput }) },
    resolve: (_root, { input }, ctx) =>
      plan.createActionItem(ctx.db, ctx.viewer, {
        ...input,
        campaignId: str(input.campaignId),
        ownerOrganisationId: input.ownerOrganisationId == null ? null : str(input.ownerOrganisationId),
        findingIds: input.findingIds.map(str),
        requestId: ctx.requestId,
      }),
  }),
  updateActionItem: t.field({
    type: ActionItemRef,
    description: "Changes an item (coordinators: everything; partners: status and public message of their organisation's items).",
    authScopes: { staff: true },
    args: { input: t.arg({ type: UpdateActionItemInput }) },
    resolve: (_root, { input }, ctx) =>
      plan.updateActionItem(ctx.db, ctx.viewer, {
        ...input,
        actionItemId: str(input.actionItemId),
        ownerOrganisationId: optionalId(input.ownerOrganisationId),
        addFindingIds: input.addFindingIds?.map(str),
        removeFindingIds: input.removeFindingIds?.map(str),
        requestId: ctx.requestId,
      }),
  }),
  changeActionItemStatus: t.field({
    type: ActionItemRef,
    authScopes: { coordinator: true },
    args: { actionItemId: t.arg.id(), status: t.arg({ type: ActionItemStatusEnum }) },
    resolve: (_root, args, ctx) => plan.changeActionItemStatus(ctx.db, ctx.viewer, { actionItemId: str(args.actionItemId), status: args.status, requestId: ctx.requestId }),
  }),
  deleteActionItem: t.id({
    description: 'Removes an item made by mistake (coordinators); its findings stay. Answers the id.',
    authScopes: { coordinator: true },
    args: { actionItemId: t.arg.id() },
    resolve: (_root, args, ctx) => plan.deleteActionItem(ctx.db, ctx.viewer, { actionItemId: str(args.actionItemId), requestId: ctx.requestId }),
  }),
}));

/** GraphQL for "Kopieer voor volgend jaar" (campaign-copy.service.ts) and the links between the years. */
import { builder } from '../../graphql/builder.js';
import { ChecklistVersionRef } from '../checklist/checklist.schema.js';
import { loadVersion } from '../checklist/checklist.service.js';
import { CampaignRef } from './campaign.schema.js';
import * as copy from './campaign-copy.service.js';
import { findCampaign } from './campaign.service.js';

const ChecklistChoiceEnum = builder.enumType('CopyChecklistChoice', {
  values: {
    SAME: { description: 'The checklist version the campaign walked with.' },
    NEWEST: { description: 'The newest version of that checklist.' },
  } as const,
});

const CopyCampaignForNextYearInput = builder.inputType('CopyCampaignForNextYearInput', {
  fields: (t) => ({
    campaignId: t.id(),
    checklist: t.field({ type: ChecklistChoiceEnum, required: false, defaultValue: 'SAME', description: 'Schouw: which checklist version the copy walks with.' }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  copiedFrom: t.field({
    type: CampaignRef,
    nullable: true,
    description: 'Coordinators: the campaign this one was copied from for a new year.',
    authScopes: { coordinator: true },
    resolve: (campaign, _args, ctx) => (campaign.copiedFromId ? findCampaign(ctx.db, ctx.viewer, campaign.copiedFromId) : null),
  }),
  nextYearCopy: t.field({
    type: CampaignRef,
    nullable: true,
    description: 'Coordinators: the campaign copied from this one for a new year (there is at most one).',
    authScopes: { coordinator: true },
    resolve: (campaign, _args, ctx) => copy.nextYearCopyOf(ctx.db, ctx.viewer, campaign),
  }),
  newerChecklist: t.field({
    type: ChecklistVersionRef,
    nullable: true,
    description: 'Coordinators, schouw: the newest version of its checklist when that is newer than the one it walks with.',
    authScopes: { coordinator: true },
    resolve: async (campaign, _args, ctx) => {
      const id = await copy.newerChecklistVersionId(ctx.db, campaign);
      return id ? loadVersion(ctx.db, id) : null;
    },
  }),
}));

builder.mutationFields((t) => ({
  copyCampaignForNextYear: t.field({
    type: CampaignRef,
    description:
      'Makes next year\'s campaign as a DRAFT: the same neighbourhood, settings, checklist, tools, units with their targets and days a year on (same weekday) with their streets, and nothing personal. Once per campaign; a second time answers CONFLICT.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: CopyCampaignForNextYearInput }) },
    resolve: (_root, { input }, ctx) =>
      copy.copyCampaignForNextYear(ctx.db, ctx.viewer, { campaignId: String(input.campaignId), checklist: input.checklist ?? 'SAME', requestId: ctx.requestId }),
  }),
}));

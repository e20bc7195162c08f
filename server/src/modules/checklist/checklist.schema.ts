/** GraphQL types and operations for versioned checklists. */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { SpotTypeEnum } from '../spot/spot.schema.js';
import * as service from './checklist.service.js';
import { ITEM_TYPES, THEMES } from './checklist.table.js';

export const ThemeEnum = builder.enumType('Theme', {
  description: 'The themes of the plan; sections and finding categories use them.',
  values: {
    GROEN_ONDERHOUD: { description: 'Groen & onderhoud' },
    BIODIVERSITEIT: { description: 'Biodiversiteit (nestkasten, insecten)' },
    KLIMAATADAPTATIE: { description: 'Klimaatadaptatie (wateroverlast, hitte)' },
    SCHOON: { description: 'Schoon (afval, zwerfvuil)' },
    HEEL: { description: 'Heel (bestrating, straatmeubilair, verlichting)' },
    VEILIG: { description: 'Veilig (zichtbelemmering, verkeer, parkeren, donkere plekken)' },
    ONTMOETEN_SPELEN: { description: 'Ontmoeten & spelen' },
  } satisfies Record<(typeof THEMES)[number], { description: string }>,
});

export const ItemTypeEnum = builder.enumType('ChecklistItemType', {
  values: {
    RATING: { description: 'CROW rating A_PLUS … D, or NVT' },
    YES_NO: { description: 'ja / nee' },
    NUMBER: { description: 'a whole number' },
    CHOICE: { description: 'one of the listed choices' },
    TEXT: { description: 'free text' },
  } satisfies Record<(typeof ITEM_TYPES)[number], { description: string }>,
});

const ChecklistItemRef = builder.objectRef<service.ChecklistItem>('ChecklistItem').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    prompt: t.exposeString('prompt'),
    help: t.exposeString('help', { nullable: true }),
    type: t.expose('type', { type: ItemTypeEnum }),
    choices: t.exposeStringList('choices'),
    spotTypes: t.expose('spotTypes', { type: [SpotTypeEnum], description: 'Where the item applies; empty means every spot.' }),
    signalAnswers: t.exposeStringList('signalAnswers', {
      description: 'Answers (JA/NEE, or choices) after which the walk asks whether someone should do something about it; ratings C and D always ask.',
    }),
  }),
});

const ChecklistSectionRef = builder.objectRef<service.ChecklistSection>('ChecklistSection').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    theme: t.expose('theme', { type: ThemeEnum }),
    title: t.exposeString('title'),
    items: t.field({ type: [ChecklistItemRef], resolve: (s) => s.items }),
  }),
});

export const ChecklistVersionRef = builder.objectRef<service.ChecklistVersion>('ChecklistVersion').implement({
  description: 'One immutable version of a checklist.',
  fields: (t) => ({
    id: t.exposeID('id'),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    sections: t.field({ type: [ChecklistSectionRef], resolve: (v) => v.sections }),
  }),
});

const ChecklistTemplateRef = builder.objectRef<service.ChecklistTemplate>('ChecklistTemplate').implement({
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    latestVersion: t.field({
      type: ChecklistVersionRef,
      resolve: async (template, _args, ctx) => (await service.loadVersion(ctx.db, (await service.latestVersionIds(ctx.db, [template.id])).get(template.id)!))!,
    }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  checklist: t.field({
    type: ChecklistVersionRef,
    nullable: true,
    description: 'The checklist version a schouw walks with.',
    resolve: (campaign, _args, ctx) => (campaign.checklistVersionId ? service.loadVersion(ctx.db, campaign.checklistVersionId) : null),
  }),
}));

const text = (max: number) => z.string().trim().min(1).max(max);

const ChecklistItemInput = builder.inputType('ChecklistItemInput', {
  fields: (t) => ({
    prompt: t.string({ validate: text(300) }),
    help: t.string({ required: false, validate: z.string().trim().max(1000).nullish() }),
    type: t.field({ type: ItemTypeEnum }),
    choices: t.stringList({ required: false, validate: z.array(text(100)).max(20).nullish() }),
    spotTypes: t.field({ type: [SpotTypeEnum], required: false }),
    signalAnswers: t.stringList({ required: false, description: 'JA and/or NEE for a yes/no item, some of the choices for a choice item.', validate: z.array(text(100)).max(20).nullish() }),
  }),
});

const ChecklistSectionInput = builder.inputType('ChecklistSectionInput', {
  fields: (t) => ({
    theme: t.field({ type: ThemeEnum }),
    title: t.string({ validate: text(120) }),
    items: t.field({ type: [ChecklistItemInput] }),
  }),
});

const PublishChecklistInput = builder.inputType('PublishChecklistInput', {
  fields: (t) => ({
    templateId: t.id({ required: false, description: 'Omit to start a new checklist; give it to publish its next version.' }),
    name: t.string({ validate: text(120) }),
    sections: t.field({ type: [ChecklistSectionInput] }),
  }),
});

builder.queryFields((t) => ({
  checklistTemplates: t.connection(
    {
      type: ChecklistTemplateRef,
      authScopes: { staff: true },
      resolve: (_root, args, ctx) => resolveKeysetConnection(args, (page) => service.listTemplates(ctx.db, ctx.viewer, page), (c) => [c.name, c.id], 2),
    },
    { name: 'ChecklistTemplateConnection' },
    { name: 'ChecklistTemplateEdge' },
  ),
}));

builder.mutationFields((t) => ({
  publishChecklist: t.field({
    type: ChecklistVersionRef,
    description: 'Publishes a new checklist, or the next version of one; earlier versions stay as they were.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: PublishChecklistInput }) },
    resolve: (_root, { input }, ctx) =>
      service.publishChecklistVersion(ctx.db, ctx.viewer, { ...input, templateId: input.templateId == null ? null : String(input.templateId) }),
  }),
}));

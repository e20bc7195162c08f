/**
 * GraphQL for questionnaires: publishing them (the checklist editor's other purpose),
 * setting one on a campaign, what phones keep of it, the public form, answering by the
 * public link (per-IP limited; the field app answers through sync), and the results.
 */
import { MAX_TEXT } from '@buurtkracht/protocol/input-limits';
import { MAX_CHOICES, MAX_QUESTIONS, QUESTION_TYPES } from '@buurtkracht/protocol/questionnaire';
import { z } from 'zod';
import { ipLimitKey } from '../../auth/ip-network.js';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { DomainError, ErrorCode, notFound } from '../../domain-error.js';
import { CampaignKindEnum, CampaignRef } from '../campaign/campaign.schema.js';
import { loadCampaign, type CampaignKind } from '../campaign/campaign.service.js';
import { latestVersionIds, listTemplates } from '../checklist/checklist.service.js';
import * as results from './questionnaire-results.service.js';
import * as service from './questionnaire.service.js';

const QuestionTypeEnum = builder.enumType('QuestionType', {
  values: {
    SCALE: { description: '1 (very dissatisfied) to 5 (very satisfied), shown as five faces with words.' },
    YES_NO: { description: 'JA or NEE.' },
    CHOICE: { description: 'One of the choices.' },
    NUMBER: { description: 'A whole number.' },
    TEXT: { description: 'Open text.' },
  } as const satisfies Record<(typeof QUESTION_TYPES)[number], unknown>,
});

const QuestionRef = builder.objectRef<service.Question>('Question').implement({
  description: 'A question of a questionnaire.',
  fields: (t) => ({
    id: t.exposeID('id'),
    prompt: t.exposeString('prompt'),
    help: t.exposeString('help', { nullable: true }),
    type: t.expose('type', { type: QuestionTypeEnum }),
    choices: t.exposeStringList('choices'),
  }),
});

export const QuestionnaireRef = builder.objectRef<service.Questionnaire>('Questionnaire').implement({
  description: 'One immutable version of a questionnaire (its id is what a campaign names and an answer refers to). Not personal: anyone a campaign shows it to may read it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    version: t.exposeInt('version'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    asksToLink: t.exposeBoolean('asksToLink', { description: 'Whether it asks people to link their answers to themselves (they may say no).' }),
    questions: t.field({ type: [QuestionRef], resolve: (q) => q.questions }),
  }),
});

const QuestionnaireTemplateRef = builder.objectRef<{ id: string; name: string }>('QuestionnaireTemplate').implement({
  authScopes: { staff: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    latestVersion: t.field({
      type: QuestionnaireRef,
      resolve: async (template, _args, ctx) => (await service.loadQuestionnaire(ctx.db, (await latestVersionIds(ctx.db, [template.id])).get(template.id)!))!,
    }),
  }),
});

const text = (max: number) => z.string().trim().min(1, 'Vul dit in.').max(max, `Hoogstens ${max} tekens.`);

const QuestionInput = builder.inputType('QuestionInput', {
  fields: (t) => ({
    prompt: t.string({ validate: text(300) }),
    help: t.string({ required: false, validate: z.string().trim().max(1000).nullish() }),
    type: t.field({ type: QuestionTypeEnum }),
    choices: t.stringList({ required: false, validate: z.array(text(100)).max(MAX_CHOICES, `Hoogstens ${MAX_CHOICES} keuzes.`).nullish() }),
  }),
});

const PublishQuestionnaireInput = builder.inputType('PublishQuestionnaireInput', {
  fields: (t) => ({
    templateId: t.id({ required: false, description: 'Omit to start a new questionnaire; give it to publish its next version.' }),
    name: t.string({ validate: text(120) }),
    asksToLink: t.boolean({ required: false, defaultValue: false }),
    questions: t.field({ type: [QuestionInput] }),
  }),
});

const SetCampaignQuestionnaireInput = builder.inputType('SetCampaignQuestionnaireInput', {
  fields: (t) => ({ campaignId: t.id(), questionnaireId: t.id({ required: false, description: 'A questionnaire version; null takes it away.' }) }),
});

const AnswerInput = builder.inputType('QuestionAnswerInput', {
  description: 'One answer: `number` for SCALE (1–5) and NUMBER questions, `text` for the others.',
  fields: (t) => ({
    questionId: t.id(),
    number: t.int({ required: false }),
    text: t.string({ required: false, validate: z.string().max(MAX_TEXT, `Hoogstens ${MAX_TEXT} tekens.`).nullish() }),
  }),
});

const AnswerQuestionnaireInput = builder.inputType('AnswerQuestionnaireInput', {
  fields: (t) => ({
    id: t.id({ description: 'A UUID the form makes once: sending the same answers again is the same response.', validate: z.uuid('Ongeldig id.') }),
    campaignId: t.id(),
    questionnaireId: t.id(),
    answers: t.field({ type: [AnswerInput], validate: z.array(z.any()).max(MAX_QUESTIONS, 'Te veel antwoorden.') }),
  }),
});

const PublicQuestionnaireRef = builder.objectRef<{ campaignName: string; campaignKind: CampaignKind; open: boolean; opensOn: string | null; questionnaire: service.Questionnaire }>('PublicQuestionnaire').implement({
  description: 'A campaign\'s questionnaire for the public form: nothing personal.',
  fields: (t) => ({
    campaignName: t.exposeString('campaignName'),
    campaignKind: t.expose('campaignKind', { type: CampaignKindEnum }),
    open: t.exposeBoolean('open', { description: 'Whether it takes answers now (the campaign is open and its first day has come).' }),
    opensOn: t.exposeString('opensOn', { nullable: true, description: 'YYYY-MM-DD from which it takes answers.' }),
    questionnaire: t.field({ type: QuestionnaireRef, resolve: (p) => p.questionnaire }),
  }),
});

const QuestionResultRef = builder.objectRef<results.QuestionResult>('QuestionResult').implement({
  fields: (t) => ({
    question: t.field({ type: QuestionRef, resolve: (r) => r.question }),
    answered: t.exposeInt('answered', { description: 'How many responses answered it.' }),
    distribution: t.field({
      type: [builder.objectRef<{ value: string; count: number }>('AnswerCount').implement({ fields: (u) => ({ value: u.exposeString('value'), count: u.exposeInt('count') }) })],
      description: 'SCALE (1–5), YES_NO and CHOICE: each possible answer with its count, in order.',
      resolve: (r) => r.distribution,
    }),
    median: t.int({ nullable: true, description: 'SCALE and NUMBER: the median (the lower middle for an even count: always an answer given).', resolve: (r) => r.median }),
    min: t.int({ nullable: true, description: 'NUMBER: the lowest.', resolve: (r) => r.numbers?.min ?? null }),
    max: t.int({ nullable: true, description: 'NUMBER: the highest.', resolve: (r) => r.numbers?.max ?? null }),
    textMatches: t.exposeInt('textMatches', { description: 'TEXT: how many open answers match the search (all of them without one); `texts` lists at most the first 500.' }),
    texts: t.field({
      type: [builder.objectRef<{ text: string; receivedOn: string }>('OpenAnswer').implement({ fields: (u) => ({ text: u.exposeString('text'), receivedOn: u.exposeString('receivedOn', { description: 'YYYY-MM-DD (Dutch date) it arrived; no time is kept.' }) }) })],
      description: `TEXT: the open answers, newest day first, at most ${results.MAX_TEXT_ANSWERS} (only those containing the search).`,
      resolve: (r) => r.texts,
    }),
  }),
});

const QuestionnaireResultsRef = builder.objectRef<results.QuestionnaireResults>('QuestionnaireResults').implement({
  authScopes: { coordinator: true },
  fields: (t) => ({
    questionnaire: t.field({ type: QuestionnaireRef, resolve: (r) => r.questionnaire }),
    participants: t.exposeInt('participants', { description: 'Participants of the campaign (who joined in the app).' }),
    appResponses: t.exposeInt('appResponses'),
    linkResponses: t.exposeInt('linkResponses', { description: 'By the public link, from people without the app: not in the response rate.' }),
    responseRate: t.exposeFloat('responseRate', { nullable: true, description: 'App responses per participant (0–1); null without participants.' }),
    questions: t.field({ type: [QuestionResultRef], resolve: (r) => r.questions }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  questionnaire: t.field({
    type: QuestionnaireRef,
    nullable: true,
    description: 'The questionnaire participants are asked after their activity.',
    resolve: (campaign, _args, ctx) => (campaign.questionnaireVersionId ? service.loadQuestionnaire(ctx.db, campaign.questionnaireVersionId) : null),
  }),
  questionnaireOpensOn: t.string({
    nullable: true,
    description: 'YYYY-MM-DD (Dutch date) from which the questionnaire takes answers while the campaign is open: after the activity, so for a participant with sign-up dates their first confirmed date, else the first day.',
    resolve: (campaign, _args, ctx) => (campaign.questionnaireVersionId ? service.opensOn(ctx.db, campaign, ctx.viewer) : null),
  }),
  myQuestionnaireAnswered: t.boolean({
    nullable: true,
    description: 'Participants: whether they answered the questionnaire (from any phone). Null for staff.',
    resolve: async (campaign, _args, ctx) => (ctx.viewer.kind === 'participant' ? service.hasAnswered(ctx.db, ctx.viewer, campaign.id) : null),
  }),
  questionnaireFixed: t.boolean({
    description: "Coordinators: whether the campaign's questionnaire can no longer be changed (it opened, or someone answered).",
    authScopes: { coordinator: true },
    resolve: (campaign, _args, ctx) => service.isQuestionnaireFixed(ctx.db, campaign),
  }),
  questionnaireResults: t.field({
    type: QuestionnaireResultsRef,
    nullable: true,
    description: "Coordinators: what the campaign's questionnaire brought in; null without a questionnaire.",
    authScopes: { coordinator: true },
    args: { search: t.arg.string({ required: false, description: 'Only open answers containing this text.', validate: z.string().max(100).nullish() }) },
    resolve: (campaign, args, ctx) => results.questionnaireResults(ctx.db, ctx.viewer, campaign, args.search ?? null),
  }),
}));

builder.queryFields((t) => ({
  questionnaireTemplates: t.connection(
    {
      type: QuestionnaireTemplateRef,
      authScopes: { staff: true },
      resolve: (_root, args, ctx) => resolveKeysetConnection(args, (page) => listTemplates(ctx.db, ctx.viewer, page, 'QUESTIONNAIRE'), (c) => [c.name, c.id], 2),
    },
    { name: 'QuestionnaireTemplateConnection' },
    { name: 'QuestionnaireTemplateEdge' },
  ),
  publicQuestionnaire: t.field({
    type: PublicQuestionnaireRef,
    description: "A campaign's questionnaire for the public form (people without the app); NOT_FOUND without one, or for a draft.",
    authScopes: { public: true },
    args: { campaignId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const campaign = await loadCampaign(ctx.db, String(args.campaignId));
      if (!campaign?.questionnaireVersionId || campaign.status === 'DRAFT') throw notFound('Deze vragenlijst');
      return {
        campaignName: campaign.name,
        campaignKind: campaign.kind,
        open: await service.isOpenAt(ctx.db, campaign, new Date()),
        opensOn: await service.opensOn(ctx.db, campaign),
        questionnaire: (await service.loadQuestionnaire(ctx.db, campaign.questionnaireVersionId))!,
      };
    },
  }),
}));

const ANSWERS_TOO_OFTEN = 'Er zijn vanaf dit adres veel vragenlijsten ingevuld. Wacht even en probeer het opnieuw.';

builder.mutationFields((t) => ({
  publishQuestionnaire: t.field({
    type: QuestionnaireRef,
    description: 'Publishes a new questionnaire, or the next version of one; earlier versions stay as they were.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: PublishQuestionnaireInput }) },
    resolve: (_root, { input }, ctx) =>
      service.publishQuestionnaire(ctx.db, ctx.viewer, { ...input, asksToLink: input.asksToLink ?? false, templateId: input.templateId == null ? null : String(input.templateId) }),
  }),
  setCampaignQuestionnaire: t.field({
    type: CampaignRef,
    description: 'Sets the questionnaire a campaign asks after the activity (null: none); fixed once someone answered.',
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: SetCampaignQuestionnaireInput }) },
    resolve: (_root, { input }, ctx) =>
      service.setCampaignQuestionnaire(ctx.db, ctx.viewer, { campaignId: String(input.campaignId), questionnaireId: input.questionnaireId == null ? null : String(input.questionnaireId), requestId: ctx.requestId }),
  }),
  answerQuestionnaire: t.field({
    type: builder.objectRef<{ id: string }>('QuestionnaireResponse').implement({ fields: (u) => ({ id: u.exposeID('id') }) }),
    description: 'Answers by the public link (no sign-in needed; at most 30 per IP per 10 minutes), anonymous; staff use it to type in forms filled in on paper. The field app answers through sync.',
    authScopes: { public: true },
    args: { input: t.arg({ type: AnswerQuestionnaireInput }) },
    resolve: async (_root, { input }, ctx) => {
      const verdict = await ctx.auth.questionnaireLimiterPerIp.attempt(`questionnaire:${ipLimitKey(ctx.clientIp)}`);
      if (!verdict.allowed) throw new DomainError(ErrorCode.RATE_LIMITED, ANSWERS_TOO_OFTEN, { retryAfterSeconds: verdict.retryAfterSeconds });
      return service.answerQuestionnaire(ctx.db, ctx.viewer, {
        id: String(input.id),
        campaignId: String(input.campaignId),
        questionnaireId: String(input.questionnaireId),
        answers: input.answers.map((a) => ({ questionId: String(a.questionId), value: a.number ?? a.text ?? '' })),
      });
    },
  }),
}));

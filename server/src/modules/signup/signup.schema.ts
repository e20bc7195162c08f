/**
 * GraphQL of the public sign-up (no login): the form of an open campaign, signing up,
 * the personal link (view, change, cancel) and joining the field app with it on the day.
 * Fields are checked here one by one; rules per kind of campaign in signup-rules.ts.
 */
import {
  SIGNUP_ESTIMATE_M2_MAX,
  SIGNUP_ESTIMATE_TILES_MAX,
  SIGNUP_HOUSE_NUMBER_MAX,
  SIGNUP_HOUSE_NUMBER_PATTERN,
  SIGNUP_NAME_MAX,
  SIGNUP_NEEDS_MAX,
  SIGNUP_ORGANISATION_MAX,
  SIGNUP_TOOL_QUANTITY_MAX,
} from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import { builder, type InputFieldBuilder } from '../../graphql/builder.js';
import { CampaignKindEnum } from '../campaign/campaign.schema.js';
import { FOLLOW_UP_KEY_MAX_LENGTH } from '../participant/follow-up.service.js';
import { contactInput, JoinResultRef } from '../participant/participant.schema.js';
import { joinWithSignup } from './signup-join.service.js';
import type { MySignup, SignupForm } from './signup-view.js';
import * as service from './signup.service.js';

export const WalkerKindEnum = builder.enumType('WalkerKind', {
  values: {
    RESIDENT: { description: 'Walks as a resident of the neighbourhood.' },
    PROFESSIONAL: { description: 'Walks for an organisation (municipality, housing corporation, welfare …).' },
  } as const,
});

export const SignupDayStatusEnum = builder.enumType('SignupDayStatus', {
  values: {
    CONFIRMED: { description: 'Has a place on the date.' },
    WAITING: { description: 'On the waiting list; moves up by itself when a place frees.' },
  } as const,
});

type FormDay = SignupForm['days'][number];
type Named = SignupForm['streets'][number];

export const SignupFormDayRef = builder.objectRef<FormDay>('SignupFormDay').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.exposeString('date', { description: 'YYYY-MM-DD (local date).' }),
    label: t.exposeString('label', { nullable: true }),
    full: t.exposeBoolean('full', { description: 'As many confirmed as the date takes: a new sign-up goes on the waiting list.' }),
  }),
});

const SignupFormStreetRef = builder.objectRef<Named>('SignupFormStreet').implement({ fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }) });
const SignupFormToolRef = builder.objectRef<Named>('SignupFormTool').implement({ fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }) });

const SignupFormRef = builder.objectRef<SignupForm>('SignupForm').implement({
  description: 'What the public sign-up form of an open campaign shows. Nothing about who signed up.',
  fields: (t) => ({
    campaignId: t.exposeID('campaignId'),
    campaignName: t.exposeString('campaignName'),
    kind: t.expose('kind', { type: CampaignKindEnum }),
    neighbourhoodName: t.exposeString('neighbourhoodName'),
    days: t.field({ type: [SignupFormDayRef], description: 'Dates from today on, in date order.', resolve: (f) => f.days }),
    streets: t.field({ type: [SignupFormStreetRef], description: "The neighbourhood's streets, by name.", resolve: (f) => f.streets }),
    tools: t.field({ type: [SignupFormToolRef], description: 'Tools one can borrow (tegelwippen, clean-up); empty for a schouw.', resolve: (f) => f.tools }),
  }),
});

const MySignupDayRef = builder.objectRef<MySignup['days'][number]>('MySignupDay').implement({
  fields: (t) => ({
    day: t.field({ type: SignupFormDayRef, resolve: (d) => d.day }),
    status: t.expose('status', { type: SignupDayStatusEnum }),
    waitingPosition: t.exposeInt('waitingPosition', { nullable: true, description: 'Place on the waiting list, from 1; null when confirmed.' }),
  }),
});

const MySignupToolRef = builder.objectRef<MySignup['tools'][number]>('MySignupTool').implement({
  fields: (t) => ({ tool: t.field({ type: SignupFormToolRef, resolve: (r) => r.tool }), quantity: t.exposeInt('quantity') }),
});

const MySignupRef = builder.objectRef<MySignup>('MySignup').implement({
  description: 'A sign-up as its owner sees it, through the personal link.',
  fields: (t) => ({
    id: t.exposeID('id'),
    campaignId: t.exposeID('campaignId'),
    campaignName: t.exposeString('campaignName'),
    kind: t.expose('kind', { type: CampaignKindEnum }),
    days: t.field({ type: [MySignupDayRef], description: 'Dates signed up for, in date order; none after cancelling.', resolve: (s) => s.days }),
    displayName: t.exposeString('displayName'),
    contact: t.exposeString('contact', { nullable: true }),
    contactConsent: t.exposeBoolean('contactConsent'),
    walkerKind: t.expose('walkerKind', { type: WalkerKindEnum, nullable: true }),
    organisation: t.exposeString('organisation', { nullable: true }),
    needs: t.exposeString('needs', { nullable: true }),
    street: t.field({ type: SignupFormStreetRef, nullable: true, resolve: (s) => s.street }),
    houseNumber: t.exposeString('houseNumber', { nullable: true }),
    estimateM2: t.exposeInt('estimateM2', { nullable: true }),
    estimateTiles: t.exposeInt('estimateTiles', { nullable: true }),
    tools: t.field({ type: [MySignupToolRef], resolve: (s) => s.tools }),
    wantsHelp: t.exposeBoolean('wantsHelp'),
    wantsPickup: t.exposeBoolean('wantsPickup'),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    joined: t.exposeBoolean('joined', { description: 'A device joined the field app with this sign-up.' }),
  }),
});

const SignupReceiptRef = builder.objectRef<service.SignupReceipt>('SignupReceipt').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: "The personal link's secret. Shown only in this answer: keep it." }),
    signup: t.field({ type: MySignupRef, resolve: (r) => r.signup }),
  }),
});

const SignupToolInput = builder.inputType('SignupToolInput', {
  fields: (t) => ({
    toolId: t.id(),
    quantity: t.int({ validate: z.number().int().min(1, 'Vraag er minstens 1.').max(SIGNUP_TOOL_QUANTITY_MAX, `Je kunt hoogstens ${SIGNUP_TOOL_QUANTITY_MAX} stuks van elk lenen.`) }),
  }),
});

const optionalText = (max: number) => z.string().trim().max(max, `Gebruik hoogstens ${max} tekens.`).nullish();
// Empty passes here: whether a house number is required depends on the kind (signup-rules.ts).
const HOUSE_NUMBER = new RegExp(`^$|${SIGNUP_HOUSE_NUMBER_PATTERN.source}`);

/** The fields a sign-up holds, for signing up and for changing it. */
const signupFields = (t: InputFieldBuilder) => ({
  dayIds: t.idList({ description: 'One or more dates of the campaign; a full date puts you on its waiting list.', validate: z.array(z.unknown()).min(1, 'Kies minstens één datum.').max(60, 'Kies hoogstens 60 data.') }),
  displayName: t.string({
    validate: z.string().trim().min(1, 'Vul je naam in.').max(SIGNUP_NAME_MAX, `Gebruik hoogstens ${SIGNUP_NAME_MAX} tekens voor je naam.`).regex(/^[^\p{Cc}]*$/u, 'Je naam bevat tekens die niet kunnen.'),
  }),
  contact: t.string({ required: false, description: 'E-mail address or phone number; only with contactConsent.', validate: contactInput }),
  contactConsent: t.boolean(),
  walkerKind: t.field({ type: WalkerKindEnum, required: false, description: 'Schouw: required. Tegelwippen and clean-up: leave empty.' }),
  organisation: t.string({ required: false, description: 'Schouw, PROFESSIONAL: required.', validate: optionalText(SIGNUP_ORGANISATION_MAX) }),
  needs: t.string({ required: false, description: 'Schouw: anything that helps you take part (e.g. walking distance).', validate: optionalText(SIGNUP_NEEDS_MAX) }),
  streetId: t.id({ required: false, description: "Tegelwippen and clean-up: required, a street of the campaign's neighbourhood." }),
  houseNumber: t.string({
    required: false,
    description: 'Tegelwippen and clean-up: required, e.g. "12", "12a", "12-2".',
    validate: z.string().trim().max(SIGNUP_HOUSE_NUMBER_MAX, `Gebruik hoogstens ${SIGNUP_HOUSE_NUMBER_MAX} tekens.`).regex(HOUSE_NUMBER, 'Vul een huisnummer in zoals 12, 12a of 12-2.').nullish(),
  }),
  estimateM2: t.int({ required: false, description: `Tegelwippen: about how many m² of tiles, 1 to ${SIGNUP_ESTIMATE_M2_MAX}.`, validate: z.number().int().min(1, 'Vul minstens 1 m² in.').max(SIGNUP_ESTIMATE_M2_MAX, `Vul hoogstens ${SIGNUP_ESTIMATE_M2_MAX} m² in.`).nullish() }),
  estimateTiles: t.int({ required: false, description: `Tegelwippen: about how many tiles, 1 to ${SIGNUP_ESTIMATE_TILES_MAX}.`, validate: z.number().int().min(1, 'Vul minstens 1 tegel in.').max(SIGNUP_ESTIMATE_TILES_MAX, `Vul hoogstens ${SIGNUP_ESTIMATE_TILES_MAX} tegels in.`).nullish() }),
  tools: t.field({ type: [SignupToolInput], required: false, validate: z.array(z.unknown()).max(20, 'Kies hoogstens 20 soorten gereedschap.').nullish() }),
  wantsHelp: t.boolean({ required: false, description: 'Tegelwippen and clean-up: I would like help in my garden.' }),
  wantsPickup: t.boolean({ required: false, description: 'Tegelwippen: the tiles should be picked up. Clean-up: HVC should take bags and bulky items away here.' }),
});

const SignUpInput = builder.inputType('SignUpInput', {
  fields: (t) => ({
    campaignId: t.id(),
    ...signupFields(t),
    website: t.string({ required: false, description: 'Leave empty (a field people do not see).', validate: z.string().max(500).nullish() }),
  }),
});

const UpdateMySignupInput = builder.inputType('UpdateMySignupInput', { fields: (t) => signupFields(t) });

const JoinWithSignupInput = builder.inputType('JoinWithSignupInput', {
  fields: (t) => ({
    token: t.string({ validate: z.string().min(1, 'Open de link uit je aanmelding.').max(100, 'Deze link is te lang.') }),
    followUpKey: t.string({ required: false, validate: z.string().max(FOLLOW_UP_KEY_MAX_LENGTH, 'Deze opvolgcode is te lang.').nullish() }),
    showNameInRankings: t.boolean(),
  }),
});

const token = z.string().min(1, 'Open de link uit je aanmelding.').max(100, 'Deze link is te lang.');

type FieldsInput = { dayIds: (string | number)[]; streetId?: string | number | null; tools?: { toolId: string | number; quantity: number }[] | null };
const idsAsStrings = <T extends FieldsInput>(input: T) => ({
  ...input,
  dayIds: input.dayIds.map(String),
  streetId: input.streetId == null ? null : String(input.streetId),
  tools: input.tools?.map((tool) => ({ toolId: String(tool.toolId), quantity: tool.quantity })) ?? null,
});

builder.queryFields((t) => ({
  signupForm: t.field({
    type: SignupFormRef,
    description: 'The public sign-up form; NOT_FOUND when the campaign is unknown or its sign-up is not open (one answer for both).',
    authScopes: { public: true },
    args: { campaignId: t.arg.id() },
    resolve: (_root, args, ctx) => service.signupForm(ctx.db, String(args.campaignId)),
  }),
  mySignup: t.field({
    type: MySignupRef,
    description: 'A sign-up by its personal link; NOT_FOUND when unknown (failures count per IP, RATE_LIMITED after too many).',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: token }) },
    resolve: (_root, args, ctx) => service.mySignup(ctx.db, ctx.auth, args.token, ctx.clientIp),
  }),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignupReceiptRef,
    description: 'Signs up for one or more dates of a campaign whose sign-up is open. Limited per IP.',
    authScopes: { public: true },
    args: { input: t.arg({ type: SignUpInput }) },
    resolve: (_root, { input }, ctx) => service.signUp(ctx.db, ctx.auth, { ...idsAsStrings(input), campaignId: String(input.campaignId) }, ctx.clientIp),
  }),
  updateMySignup: t.field({
    type: MySignupRef,
    description: 'Changes a sign-up (all fields, as when signing up). A date taken out frees its place for the first person waiting.',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: token }), input: t.arg({ type: UpdateMySignupInput }) },
    resolve: (_root, args, ctx) => service.updateMySignup(ctx.db, ctx.auth, args.token, idsAsStrings(args.input), ctx.clientIp),
  }),
  cancelMySignup: t.field({
    type: MySignupRef,
    description: 'Cancels a sign-up: every place it held goes to the first person waiting.',
    authScopes: { public: true },
    args: { token: t.arg.string({ validate: token }) },
    resolve: (_root, args, ctx) => service.cancelMySignup(ctx.db, ctx.auth, args.token, ctx.clientIp),
  }),
  joinWithSignup: t.field({
    type: JoinResultRef,
    description: "Joins the field app with a sign-up's personal link, with the name and contact it holds. CONFLICT when it already joined on a working device, or was cancelled.",
    authScopes: { public: true },
    args: { input: t.arg({ type: JoinWithSignupInput }) },
    resolve: (_root, { input }, ctx) => joinWithSignup(ctx.db, ctx.auth, input, ctx.clientIp),
  }),
}));

/**
 * GraphQL types and operations for field participants: invites, joining, the
 * coordinator's participant list, revocation, and a participant's own data.
 */
import { SIGNUP_CONTACT_MAX } from '@buurtkracht/protocol/input-limits';
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { TOTAL_COUNT_DESCRIPTION, withTotalCount } from '../../graphql/counted-connection.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { CampaignKindEnum, CampaignRef } from '../campaign/campaign.schema.js';
import { FOLLOW_UP_KEY_MAX_LENGTH } from './follow-up.service.js';
import * as invites from './participant-invite.service.js';
import * as service from './participant.service.js';

export const ParticipantRef = builder.objectRef<service.Participant>('Participant').implement({
  description: 'Someone who joined a campaign with an invite, without an account.',
  // joinCampaign grants ownParticipant: the caller becomes this participant only afterwards.
  authScopes: { coordinator: true, participant: true, $granted: 'ownParticipant' },
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName', { nullable: true, description: 'Null once the personal data is erased.' }),
    pseudonym: t.exposeString('pseudonym', { description: 'Stable public name, used in rankings without consent.' }),
    showNameInRankings: t.exposeBoolean('showNameInRankings'),
    contact: t.string({
      nullable: true,
      description: 'Contact details given with consent, for feedback. Reading them is recorded in the audit log.',
      resolve: (participant, _args, ctx) => service.readContact(ctx.writeDb, ctx.viewer, participant, ctx.requestId),
    }),
    contactConsentAt: t.expose('contactConsentAt', { type: 'DateTime', nullable: true }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    erasedAt: t.expose('erasedAt', { type: 'DateTime', nullable: true }),
  }),
});

const ParticipantInviteRef = builder.objectRef<invites.ParticipantInvite>('ParticipantInvite').implement({
  description: 'A short code (and a link for a QR code) that lets people join a campaign.',
  authScopes: { coordinator: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    campaignId: t.exposeID('campaignId'),
    code: t.exposeString('code'),
    link: t.string({ resolve: (invite, _args, ctx) => invites.inviteLink(ctx.auth, invite.code) }),
    label: t.exposeString('label', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    maxUses: t.exposeInt('maxUses', { nullable: true }),
    useCount: t.exposeInt('useCount'),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    usable: t.boolean({ resolve: (invite) => invites.isInviteUsable(invite, new Date()) }),
  }),
});

builder.objectFields(CampaignRef, (t) => ({
  invites: t.connection(
    {
      type: ParticipantInviteRef,
      authScopes: { coordinator: true },
      resolve: (campaign, args, ctx) =>
        withTotalCount(
          resolveKeysetConnection(args, (page) => invites.listParticipantInvites(ctx.db, ctx.viewer, campaign.id, page), (i) => [i.createdAt, i.id], 2),
          () => invites.countParticipantInvites(ctx.db, ctx.viewer, campaign.id),
        ),
    },
    { name: 'ParticipantInviteConnection', fields: (tc) => ({ totalCount: tc.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (c) => c.totalCount() }) }) },
    { name: 'ParticipantInviteEdge' },
  ),
  participants: t.connection(
    {
      type: ParticipantRef,
      authScopes: { coordinator: true },
      resolve: (campaign, args, ctx) =>
        withTotalCount(
          resolveKeysetConnection(args, (page) => service.listParticipants(ctx.db, ctx.viewer, campaign.id, page), (p) => [p.joinedAt, p.id], 2),
          () => service.countParticipants(ctx.db, ctx.viewer, campaign.id),
        ),
    },
    { name: 'ParticipantConnection', fields: (tc) => ({ totalCount: tc.int({ description: TOTAL_COUNT_DESCRIPTION, resolve: (c) => c.totalCount() }) }) },
    { name: 'ParticipantEdge' },
  ),
}));

const InvitePreviewRef = builder.objectRef<service.InvitePreview>('InvitePreview').implement({
  description: 'What the join screen shows about the campaign behind a code.',
  fields: (t) => ({
    code: t.exposeString('code'),
    campaignName: t.string({ resolve: (p) => p.campaign.name }),
    campaignKind: t.field({ type: CampaignKindEnum, resolve: (p) => p.campaign.kind }),
  }),
});

export const JoinResultRef = builder.objectRef<Awaited<ReturnType<typeof service.joinCampaign>>>('JoinResult').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'Bearer token for this device. Keep it; it is shown only in this answer.' }),
    followUpKey: t.exposeString('followUpKey', {
      description: "The device's follow-up key (see followUp): the one presented when it is valid, else a new one. Keep it and present it at the next join.",
    }),
    participant: t.field({ type: ParticipantRef, grantScopes: ['ownParticipant'], resolve: (r) => r.participant }),
    campaign: t.field({ type: CampaignRef, grantScopes: ['ownCampaign'], resolve: (r) => r.campaign }),
  }),
});

const MyDataRef = builder.objectRef<Awaited<ReturnType<typeof service.myData>>>('MyData').implement({
  description: 'Everything stored about the participant using this device.',
  authScopes: { participant: true },
  fields: (t) => ({
    participant: t.field({ type: ParticipantRef, resolve: (r) => r.participant }),
    campaign: t.field({ type: CampaignRef, resolve: (r) => r.campaign }),
  }),
});

const code = z.string().trim().min(4, 'Vul de code van de uitnodiging in.').max(20, 'Deze code is te lang.');

/** Contact details for feedback, when joining and when changing consent later. */
export const contactInput = z.string().trim().max(SIGNUP_CONTACT_MAX, `Gebruik hoogstens ${SIGNUP_CONTACT_MAX} tekens.`).nullish();

const JoinCampaignInput = builder.inputType('JoinCampaignInput', {
  fields: (t) => ({
    code: t.string({ validate: code }),
    displayName: t.string({
      validate: z
        .string()
        .trim()
        .min(1, 'Kies een naam.')
        .max(40, 'Gebruik hoogstens 40 tekens voor je naam.')
        .regex(/^[^\p{Cc}]*$/u, 'Je naam bevat tekens die niet kunnen.'),
    }),
    contact: t.string({ required: false, validate: contactInput }),
    contactConsent: t.boolean(),
    showNameInRankings: t.boolean(),
    followUpKey: t.string({
      required: false,
      description: "The device's follow-up key from an earlier join; the new participant is linked to it when it is valid.",
      validate: z.string().max(FOLLOW_UP_KEY_MAX_LENGTH, 'Deze opvolgcode is te lang.').nullish(),
    }),
  }),
});

const CreateParticipantInviteInput = builder.inputType('CreateParticipantInviteInput', {
  fields: (t) => ({
    campaignId: t.id(),
    label: t.string({ required: false, validate: z.string().trim().max(80).nullish() }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
    maxUses: t.int({ required: false, validate: z.number().int().min(1).max(10_000).nullish() }),
  }),
});

builder.queryFields((t) => ({
  invitePreview: t.field({
    type: InvitePreviewRef,
    description: 'The campaign behind an invite code; NOT_FOUND when the code is unknown or no longer valid.',
    authScopes: { public: true },
    args: { code: t.arg.string({ validate: code }) },
    resolve: (_root, args, ctx) => service.previewInvite(ctx.db, ctx.auth, args.code, ctx.clientIp),
  }),
  participantInvite: t.field({
    type: ParticipantInviteRef,
    nullable: true,
    description: "One invite by id (the poster page), or null when it does not exist or is not yours to see.",
    authScopes: { coordinator: true },
    args: { id: t.arg.id() },
    resolve: (_root, args, ctx) => invites.findParticipantInvite(ctx.db, ctx.viewer, String(args.id)),
  }),
  myData: t.field({
    type: MyDataRef,
    authScopes: { participant: true },
    resolve: (_root, _args, ctx) => service.myData(ctx.db, ctx.viewer),
  }),
}));

builder.mutationFields((t) => ({
  joinCampaign: t.field({
    type: JoinResultRef,
    description: 'Joins a campaign with an invite code; answers a device token.',
    authScopes: { public: true },
    args: { input: t.arg({ type: JoinCampaignInput }) },
    resolve: (_root, { input }, ctx) => service.joinCampaign(ctx.db, ctx.auth, { ...input, clientIp: ctx.clientIp }),
  }),
  createParticipantInvite: t.field({
    type: ParticipantInviteRef,
    authScopes: { coordinator: true },
    args: { input: t.arg({ type: CreateParticipantInviteInput }) },
    resolve: (_root, { input }, ctx) =>
      invites.createParticipantInvite(ctx.db, ctx.viewer, { ...input, campaignId: String(input.campaignId), requestId: ctx.requestId }),
  }),
  revokeParticipantInvite: t.field({
    type: ParticipantInviteRef,
    authScopes: { coordinator: true },
    args: { inviteId: t.arg.id() },
    resolve: (_root, { inviteId }, ctx) => invites.revokeParticipantInvite(ctx.db, ctx.viewer, String(inviteId), ctx.requestId),
  }),
  revokeParticipant: t.field({
    type: ParticipantRef,
    description: "Ends a participant's device access. What they recorded stays.",
    authScopes: { coordinator: true },
    args: { participantId: t.arg.id() },
    resolve: (_root, { participantId }, ctx) => service.revokeParticipant(ctx.db, ctx.viewer, String(participantId), ctx.requestId),
  }),
  deleteMyData: t.boolean({
    description: "Erases this participant's name and contact details and ends this device's access.",
    authScopes: { participant: true },
    resolve: async (_root, _args, ctx) => {
      await service.deleteMyData(ctx.db, ctx.viewer, ctx.requestId);
      return true;
    },
  }),
}));

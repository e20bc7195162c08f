/**
 * GraphQL for moving to a new phone: startDeviceTransfer on the old phone (answers a
 * one-time code and the link for its QR code), completeDeviceTransfer on the new one
 * (answers new tokens and a new follow-up key). Public: the secrets sent authenticate.
 */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import * as service from './device-transfer.service.js';
import { FOLLOW_UP_KEY_MAX_LENGTH } from './follow-up.service.js';
import { ParticipantRef } from './participant.schema.js';

const StartedTransferRef = builder.objectRef<service.StartedTransfer>('DeviceTransferCode').implement({
  description: 'A one-time code that moves this phone to a new one: valid for ten minutes, usable once.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Eight characters, shown as ABCD-EFGH; typed in any case, with or without the dash.' }),
    link: t.exposeString('link', { description: 'Opening it on the new phone completes the transfer: for the QR code.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});

const TransferredMembershipRef = builder.objectRef<service.TransferredMembership>('TransferredMembership').implement({
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The new bearer token of this membership; the old phone\'s stopped working. Shown only in this answer.' }),
    participant: t.field({ type: ParticipantRef, grantScopes: ['ownParticipant'], resolve: (m) => m.participant }),
    campaign: t.field({ type: CampaignRef, grantScopes: ['ownCampaign'], resolve: (m) => m.campaign }),
  }),
});

const CompletedTransferRef = builder.objectRef<Awaited<ReturnType<typeof service.completeDeviceTransfer>>>('DeviceTransferResult').implement({
  fields: (t) => ({
    followUpKey: t.exposeString('followUpKey', { description: "The new phone's follow-up key; the old phone's is revoked." }),
    memberships: t.field({ type: [TransferredMembershipRef], description: 'Every membership the old phone handed over that is still active.', resolve: (r) => r.memberships }),
  }),
});

const secret = (missing: string) => z.string().min(1, missing).max(FOLLOW_UP_KEY_MAX_LENGTH, 'Deze code is te lang.');

const TransferMembershipInput = builder.inputType('TransferMembershipInput', {
  fields: (t) => ({
    token: t.string({ validate: secret('De code van een activiteit ontbreekt.') }),
    deviceId: t.string({ validate: z.string().min(1, 'Het apparaat-id van een activiteit ontbreekt.').max(100, 'Dit apparaat-id is te lang.') }),
    lastSeq: t.int({
      description: "The highest seq this membership's outbox handed out; 0 when it never recorded anything.",
      validate: z.number().int().min(0, 'Een volgnummer is nooit negatief.'),
    }),
  }),
});

const StartDeviceTransferInput = builder.inputType('StartDeviceTransferInput', {
  fields: (t) => ({
    followUpKey: t.string({ validate: secret('De opvolgcode van deze telefoon ontbreekt.') }),
    memberships: t.field({
      type: [TransferMembershipInput],
      description: 'The token of every membership of the key that still works, no more and no fewer; revoked ones are left out (the key carries their follow-up).',
      validate: z.array(z.unknown()).max(service.MAX_TRANSFER_MEMBERSHIPS, `Hoogstens ${service.MAX_TRANSFER_MEMBERSHIPS} activiteiten per keer.`),
    }),
  }),
});

builder.mutationFields((t) => ({
  startDeviceTransfer: t.field({
    type: StartedTransferRef,
    description:
      "On the old phone: a one-time code for moving to a new phone. Refused (NOT_FOUND) when the key or a token does not fit or a working membership of the key is missing, and (CONFLICT, reason UNSENT_WORK, with the device ids) while the server has not received everything a membership recorded. Voids this phone's earlier unused codes.",
    authScopes: { public: true },
    args: { input: t.arg({ type: StartDeviceTransferInput }) },
    resolve: (_root, { input }, ctx) => service.startDeviceTransfer(ctx.db, ctx.auth, { ...input, clientIp: ctx.clientIp, requestId: ctx.requestId }),
  }),
  completeDeviceTransfer: t.field({
    type: CompletedTransferRef,
    description: "On the new phone: completes a transfer with its code (once, within ten minutes). The old phone's tokens and key stop working. Refused (CONFLICT, reason MEMBERSHIPS_CHANGED) when the old phone's working memberships are no longer those it handed over; nothing changes then.",
    authScopes: { public: true },
    args: { code: t.arg.string({ validate: z.string().trim().min(1, 'Vul de code in.').max(20, 'Deze code is te lang.') }) },
    resolve: (_root, args, ctx) => service.completeDeviceTransfer(ctx.db, ctx.auth, { code: args.code, clientIp: ctx.clientIp, requestId: ctx.requestId }),
  }),
}));

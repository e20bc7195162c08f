/**
 * GraphQL for follow-up keys: the public followUp query (a device's findings with their
 * status and public messages, also after retention), claimFollowUpKey (devices that joined
 * before keys existed, and phones merging two keys) and unlinkFollowUpKey (an activity taken
 * off the phone). The key is the credential: its types hold only what
 * residents already see of their findings.
 */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { resolveKeysetConnection } from '../../graphql/pagination.js';
import { ThemeEnum } from '../checklist/checklist.schema.js';
import { ActionItemStatusEnum } from '../finding/action-plan.schema.js';
import { FindingStatusEnum, RatingEnum } from '../finding/finding.schema.js';
import * as service from './follow-up.service.js';

type Step = service.FollowUpFinding['statusHistory'][number];
type Item = service.FollowUpFinding['actionItems'][number];

const FollowUpStatusChangeRef = builder.objectRef<Step>('FollowUpStatusChange').implement({
  description: 'One step of the follow-up of your finding, with the message residents see.',
  fields: (t) => ({
    toStatus: t.expose('toStatus', { type: FindingStatusEnum }),
    publicMessage: t.exposeString('publicMessage'),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

const FollowUpActionItemRef = builder.objectRef<Item>('FollowUpActionItem').implement({
  description: 'An action plan item your finding is part of, as residents see it (never its owner).',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    status: t.expose('status', { type: ActionItemStatusEnum }),
    publicMessage: t.exposeString('publicMessage', { nullable: true }),
  }),
});

const FollowUpFindingRef = builder.objectRef<service.FollowUpFinding>('FollowUpFinding').implement({
  description: 'A finding this device recorded (in any activity), with how far its follow-up is. Nothing about who recorded it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    campaignId: t.exposeID('campaignId'),
    campaignName: t.exposeString('campaignName'),
    category: t.expose('category', { type: ThemeEnum }),
    rating: t.expose('rating', { type: RatingEnum, nullable: true }),
    answer: t.exposeString('answer', { nullable: true, description: 'The answer it follows up (yes/no, number, choice, text), as recorded.' }),
    text: t.exposeString('text', { nullable: true, description: 'The description as recorded.' }),
    suggestion: t.exposeString('suggestion', { nullable: true, description: 'The opportunity (kans), as recorded.' }),
    question: t.exposeString('question', { nullable: true, description: 'The checklist question it follows up, if made from an answer.' }),
    spotName: t.exposeString('spotName', { nullable: true }),
    streetName: t.exposeString('streetName', { nullable: true, description: "The finding's street, else its spot's street." }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: "When it was recorded, by the device's clock." }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'When the server received it; the list is ordered by this, newest first.' }),
    status: t.expose('status', { type: FindingStatusEnum }),
    statusHistory: t.field({ type: [FollowUpStatusChangeRef], description: 'Oldest first.', resolve: (f) => f.statusHistory }),
    actionItems: t.field({ type: [FollowUpActionItemRef], resolve: (f) => f.actionItems }),
  }),
});

/** Any text up to the limit is looked up (and counted when unknown); longer is refused outright. */
const followUpKey = z.string().min(1, 'Vul de opvolgcode in.').max(service.FOLLOW_UP_KEY_MAX_LENGTH, 'Deze opvolgcode is te lang.');

builder.queryFields((t) => ({
  followUp: t.connection(
    {
      type: FollowUpFindingRef,
      description:
        'The findings recorded on the device that holds this follow-up key, in every activity it joined, newest first: also after the personal data of a closed activity was erased. NOT_FOUND for an unknown or revoked key (counted per IP; RATE_LIMITED after too many).',
      authScopes: { public: true },
      args: { key: t.arg.string({ validate: followUpKey }) },
      resolve: (_root, args, ctx) =>
        resolveKeysetConnection(args, (page) => service.followUp(ctx.db, ctx.auth, args.key, page, ctx.clientIp), (f) => [f.receivedAt, f.id], 2),
    },
    { name: 'FollowUpFindingConnection' },
    { name: 'FollowUpFindingEdge' },
  ),
}));

builder.mutationFields((t) => ({
  claimFollowUpKey: t.string({
    description:
      "Links this participant to the device's follow-up key and answers the key. A participant without a key gets the presented key when it is valid, else a new one for the device to keep (for devices that joined before keys existed; call it once per membership). A participant that has a key keeps it: the answer is the presented key when it is that key, else CONFLICT (already linked). Except a merge: with currentKey (the participant's key, valid) and another valid followUpKey, the participant moves to followUpKey and the answer is that key; when no working participant is left on the old key, its other participants (revoked, erased) move along and the old key is revoked. Unknown or revoked keys count against the caller's IP (RATE_LIMITED after too many).",
    authScopes: { participant: true },
    args: {
      followUpKey: t.arg.string({ required: false, validate: followUpKey.nullish() }),
      currentKey: t.arg.string({
        required: false,
        description: "The participant's current key, to move it to followUpKey (a phone that holds two keys merging them into one).",
        validate: followUpKey.nullish(),
      }),
    },
    resolve: (_root, args, ctx) => service.claimFollowUpKey(ctx.db, ctx.auth, ctx.viewer, { followUpKey: args.followUpKey, currentKey: args.currentKey, clientIp: ctx.clientIp }),
  }),
  unlinkFollowUpKey: t.boolean({
    description:
      "Takes this participant off its follow-up key, because the activity was taken off this phone: its findings leave the key's followUp and a transfer of the key no longer needs its token. The membership itself goes on. Idempotent: true also when it had no key.",
    authScopes: { participant: true },
    resolve: async (_root, _args, ctx) => {
      await service.unlinkFollowUpKey(ctx.db, ctx.viewer);
      return true;
    },
  }),
}));

/**
 * GraphQL for what follows a finding: edit conflicts and their resolution, and the rating
 * a spot had on an earlier walk. The action plan is in action-plan.schema.ts.
 */
import { builder } from '../../graphql/builder.js';
import { SpotRef } from '../spot/spot.schema.js';
import * as edits from './finding-edit.service.js';
import { FindingRef, RatingEnum, str } from './finding.schema.js';
import * as details from './finding-details.service.js';

const FindingConflictRef = builder.objectRef<edits.FindingConflict>('FindingConflict').implement({
  description: "A device's edit that lost to a newer server value; a coordinator decides.",
  authScopes: { coordinator: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    field: t.exposeString('field'),
    deviceValue: t.exposeString('deviceValue', { nullable: true }),
    serverValue: t.exposeString('serverValue', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.objectField(FindingRef, 'conflicts', (t) =>
  t.loadableList({
    type: FindingConflictRef,
    description: 'Open edit conflicts (coordinators; empty for everyone else).',
    load: async (ids: string[], ctx) => {
      const mayResolve = ctx.viewer.kind === 'staff' && ctx.viewer.role !== 'PARTNER';
      const conflicts = mayResolve ? await edits.openConflicts(ctx.db, ids) : [];
      return ids.map((id) => conflicts.filter((c) => c.findingId === id));
    },
    resolve: (f) => f.id,
  }),
);

const PreviousRatingRef = builder.objectRef<details.PreviousRating>('PreviousRating').implement({
  description: "A spot's score on the previous schouw of the neighbourhood, shown beside this year's.",
  authScopes: { $any: { staff: true, participant: true } },
  fields: (t) => ({
    rating: t.expose('rating', { type: RatingEnum, description: "The median of the spot's current ratings on that schouw (NVT not counted; with an even number the worse middle one), as in Campaign.scores." }),
    observationCount: t.exposeInt('observationCount', { description: 'How many ratings the score is the median of.' }),
    photoId: t.exposeID('photoId', { nullable: true, description: 'The first photo of the earliest finding at the spot on that schouw.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When the newest of those ratings reached the server.' }),
    campaignName: t.exposeString('campaignName'),
  }),
});

builder.objectField(SpotRef, 'previousRating', (t) =>
  t.loadable({
    type: PreviousRatingRef,
    nullable: true,
    description: "This spot's score on the previous schouw before the given campaign (walkers of that campaign and its coordinators).",
    authScopes: { $any: { staff: true, participant: true } },
    args: { campaignId: t.arg.id() },
    // One batch per campaign asked about: a walk loads every spot with its score at once.
    load: async (keys: string[], ctx) => {
      const asked = keys.map((key) => JSON.parse(key) as [string, string]);
      const answers = new Map<string, Map<string, details.PreviousRating>>();
      for (const campaignId of new Set(asked.map(([c]) => c))) {
        answers.set(campaignId, await details.previousRatings(ctx.db, ctx.viewer, campaignId, asked.filter(([c]) => c === campaignId).map(([, s]) => s)));
      }
      return asked.map(([campaignId, spotId]) => answers.get(campaignId)!.get(spotId) ?? null);
    },
    resolve: (spot, args) => JSON.stringify([str(args.campaignId), spot.id]),
  }),
);

builder.mutationFields((t) => ({
  resolveFindingConflict: t.field({
    type: FindingRef,
    description: "Keeps the server's value, or takes the device's (useDeviceValue: true).",
    authScopes: { coordinator: true },
    args: { conflictId: t.arg.id(), useDeviceValue: t.arg.boolean() },
    resolve: (_root, args, ctx) => edits.resolveConflict(ctx.db, ctx.viewer, { conflictId: str(args.conflictId), useDeviceValue: args.useDeviceValue }),
  }),
}));

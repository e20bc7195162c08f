/** `viewer`: who the API thinks the caller is, so a client can decide what to show. */
import type { Viewer } from '../auth/viewer.js';
import { StaffAccountRef } from '../modules/account/account.schema.js';
import { findStaffAccount } from '../modules/account/account.service.js';
import { NeighbourhoodRef } from '../modules/neighbourhood/neighbourhood.schema.js';
import { neighbourhoodsByIds } from '../modules/neighbourhood/neighbourhood.service.js';
import { ParticipantRef } from '../modules/participant/participant.schema.js';
import { findParticipant } from '../modules/participant/participant.service.js';
import { builder } from './builder.js';

const ViewerKindEnum = builder.enumType('ViewerKind', { values: ['ANONYMOUS', 'STAFF', 'PARTICIPANT'] as const });

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  fields: (t) => ({
    kind: t.field({ type: ViewerKindEnum, resolve: (v) => (v.kind === 'staff' ? 'STAFF' : v.kind === 'participant' ? 'PARTICIPANT' : 'ANONYMOUS') }),
    staffAccount: t.field({
      type: StaffAccountRef,
      nullable: true,
      resolve: (v, _args, ctx) => (v.kind === 'staff' ? findStaffAccount(ctx.db, v, v.accountId) : null),
    }),
    coordinatedNeighbourhoods: t.field({
      type: [NeighbourhoodRef],
      description: 'The neighbourhoods a coordinator works in; empty for everyone else.',
      resolve: (v, _args, ctx) => (v.kind === 'staff' ? neighbourhoodsByIds(ctx.db, v.neighbourhoodIds) : []),
    }),
    participant: t.field({
      type: ParticipantRef,
      nullable: true,
      resolve: (v, _args, ctx) => (v.kind === 'participant' ? findParticipant(ctx.db, v, v.participantId) : null),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, authScopes: { public: true }, resolve: (_root, _args, ctx) => ctx.viewer }),
);

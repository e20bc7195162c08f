/**
 * GraphQL for the HVC pickup list of a clean-up day (hvc-pickup.service.ts):
 * Query.hvcPickupList, for the campaign's coordinators and admins only; everyone else gets
 * NOT_FOUND, as for a day that does not exist. Also as CSV:
 * /exports/days/{dayId}/hvc-ophaallijst.csv (http/export-routes.ts).
 */
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { CampaignDayRef } from '../campaign/campaign.schema.js';
import { TallyUnitEnum } from '../tally/tally-unit.schema.js';
import * as service from './hvc-pickup.service.js';

const coordinators = { coordinator: true } as const;

/** Once per request and day, however often the list is asked for in one operation. */
const readsAudited = new WeakMap<Context, Map<string, Promise<void>>>();
function auditReadOnce(ctx: Context, dayId: string): Promise<void> {
  let reads = readsAudited.get(ctx);
  if (!reads) readsAudited.set(ctx, (reads = new Map()));
  let done = reads.get(dayId);
  if (!done) reads.set(dayId, (done = service.recordHvcAddressesViewed(ctx.writeDb, ctx.viewer, dayId, ctx.requestId)));
  return done;
}

const HvcPickupItemRef = builder.objectRef<service.HvcPickupItem>('HvcPickupItem').implement({
  description: 'What HVC takes away at one address: a unit it picks up and how many are left after corrections.',
  authScopes: coordinators,
  fields: (t) => ({
    unit: t.expose('unit', { type: TallyUnitEnum }),
    quantity: t.exposeInt('quantity'),
  }),
});

const HvcPickupRowRef = builder.objectRef<service.HvcPickupRow>('HvcPickupRow').implement({
  description: 'One address on the pickup list: a street and, when the counter gave one, a house number.',
  authScopes: coordinators,
  fields: (t) => ({
    streetId: t.exposeID('streetId'),
    streetName: t.exposeString('streetName'),
    houseNumber: t.exposeString('houseNumber', { nullable: true, description: 'As first typed; null for things counted in the street without a house number, and after retention.' }),
    items: t.field({ type: [HvcPickupItemRef], description: 'Per unit HVC picks up with something left, in a fixed order.', resolve: (r) => r.items }),
  }),
});

const HvcPickupListRef = builder.objectRef<service.HvcPickupList>('HvcPickupList').implement({
  description: 'Where HVC picks up on a clean-up day, from the ledger (corrections included).',
  authScopes: coordinators,
  fields: (t) => ({
    day: t.field({ type: CampaignDayRef, resolve: (l) => l.day }),
    rows: t.field({ type: [HvcPickupRowRef], description: 'By street name, then house number; only addresses with something to pick up.', resolve: (l) => l.rows }),
  }),
});

builder.queryField('hvcPickupList', (t) =>
  t.field({
    type: HvcPickupListRef,
    description: "Coordinators: a clean-up day's pickup list for HVC (house numbers: reading it is recorded in the audit log). Also as CSV: /exports/days/{dayId}/hvc-ophaallijst.csv.",
    authScopes: coordinators,
    args: { campaignId: t.arg.id(), dayId: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const list = await service.hvcPickupList(ctx.db, ctx.viewer, String(args.campaignId), String(args.dayId));
      if (list.rows.some((r) => r.houseNumber !== null)) await auditReadOnce(ctx, list.day.id);
      return list;
    },
  }),
);

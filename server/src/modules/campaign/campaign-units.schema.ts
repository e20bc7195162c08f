/**
 * GraphQL for what a campaign counts and which streets its days are for
 * (campaign-units.service.ts): Campaign.units, CampaignDay.streets, and the coordinators'
 * setCampaignUnits and setCampaignDayStreets. Both lists load in one query per request
 * however many campaigns or days are asked for.
 */
import { z } from 'zod';
import { builder } from '../../graphql/builder.js';
import { StreetRef } from '../neighbourhood/neighbourhood.schema.js';
import { streetsByIds, type Street } from '../neighbourhood/neighbourhood.service.js';
import { unitsOfCampaignsById } from '../tally/campaign-units.js';
import { CampaignDayRef, CampaignRef, CampaignUnitInput, campaignUnitsRule } from './campaign.schema.js';
import type { Campaign } from './campaign.service.js';
import { MAX_DAY_STREETS } from './campaign-unit-rules.js';
import * as service from './campaign-units.service.js';
import { CampaignUnitRef } from '../tally/tally-unit.schema.js';

builder.objectFields(CampaignRef, (t) => ({
  units: t.loadableList({
    type: CampaignUnitRef,
    description: 'What it counts, in the order the counter offers them: the tile sizes for tegelwippen, the chosen units for a clean-up; empty for a schouw.',
    load: async (campaigns: Campaign[], ctx) => {
      const units = await unitsOfCampaignsById(ctx.db, campaigns);
      return campaigns.map((c) => units.get(c.id) ?? []);
    },
    loaderOptions: { cacheKeyFn: (campaign: Campaign) => campaign.id },
    resolve: (campaign) => campaign,
  }),
}));

builder.objectFields(CampaignDayRef, (t) => ({
  streets: t.loadableList({
    type: StreetRef,
    description: 'The streets the day is for, in the order the coordinator gave them ("iedere dag een andere straat"); the counter offers them first.',
    load: async (dayIds: string[], ctx) => {
      const byDay = await service.streetIdsOfDays(ctx.db, dayIds);
      const streets = new Map((await streetsByIds(ctx.db, [...new Set([...byDay.values()].flat())])).map((s) => [s.id, s]));
      return dayIds.map((id) =>
        (byDay.get(id) ?? []).flatMap((streetId): Street[] => {
          const street = streets.get(streetId);
          return street ? [street] : [];
        }),
      );
    },
    resolve: (day) => day.id,
  }),
}));

builder.mutationFields((t) => ({
  setCampaignUnits: t.field({
    type: CampaignRef,
    description:
      'Coordinators: what a campaign counts. Clean-up: the units in order (at least one), each with an optional target; units can be added and targets changed until it closes, but a unit can only be taken out while it is a DRAFT (CONFLICT later: entries may still wait on phones). Tegelwippen: it counts every tile size; only the targets change, and AREA takes none (the campaign has its m² target). Not for a schouw (BAD_USER_INPUT).',
    authScopes: { coordinator: true },
    args: { campaignId: t.arg.id(), units: t.arg({ type: [CampaignUnitInput], validate: campaignUnitsRule }) },
    resolve: (_root, args, ctx) => service.setCampaignUnits(ctx.db, ctx.viewer, { campaignId: String(args.campaignId), units: args.units, requestId: ctx.requestId }),
  }),
  setCampaignDayStreets: t.field({
    type: CampaignDayRef,
    description: `Coordinators: the streets a day of a tegelwip or clean-up action is for, in order (replaces the list; empty for none). Streets of the campaign's neighbourhood, each once, at most ${MAX_DAY_STREETS}.`,
    authScopes: { coordinator: true },
    args: {
      dayId: t.arg.id(),
      streetIds: t.arg.idList({
        validate: z
          .array(z.unknown())
          .max(MAX_DAY_STREETS, { message: `Kies hoogstens ${MAX_DAY_STREETS} straten voor één dag.`, abort: true })
          .refine((ids) => new Set(ids.map(String)).size === ids.length, 'Noem elke straat maar één keer.'),
      }),
    },
    resolve: (_root, args, ctx) => service.setCampaignDayStreets(ctx.db, ctx.viewer, { dayId: String(args.dayId), streetIds: args.streetIds.map(String), requestId: ctx.requestId }),
  }),
}));

/**
 * GraphQL for the prizes of a campaign's closing event (prize.service.ts):
 * Query.campaignPrizes and Mutation.setCampaignPrizes. Coordinators of the campaign's
 * neighbourhood and admins only: every type carries the coordinator scope and the service
 * checks the neighbourhood; everyone else gets NOT_FOUND, as for a campaign that does not
 * exist. Names only with consent, otherwise pseudonyms; never a house number.
 */
import { z } from 'zod';
import { CM2_PER_M2 } from '@buurtkracht/protocol/tile-sizes';
import { builder } from '../../graphql/builder.js';
import { CampaignRef } from '../campaign/campaign.schema.js';
import { PRIZE_CATEGORY_CODES, unitOf, type PrizeCategory, type PrizeUnit } from './prize-categories.js';
import type { PlacedCandidate } from './prize-places.js';
import * as service from './prize.service.js';

const coordinators = { coordinator: true } as const;

/**
 * What each category measures, for API users; the web's PRIZE_WORDS says the same in Dutch
 * for people. prize.service.ts is the rule behind these words.
 */
const CATEGORY_DESCRIPTIONS: Record<PrizeCategory, string> = {
  MOST_AREA_BY_PARTICIPANT:
    'Tegelwippen: the participant who counted the most removed paving in the app, corrections included; what staff entered counts for no participant (figure in cm²).',
  MOST_AREA_PER_HOUSEHOLD_BY_STREET:
    `Tegelwippen: the street with the most removed paving per household that took part (an address that signed up or where paving was counted), rounded down to whole cm². ` +
    `Only streets where at least ${service.MIN_HOUSEHOLDS_PER_STREET} households took part compete, so that no one household's result is shown (figure in cm² per household).`,
  MOST_GARDENS_BY_PARTICIPANT:
    'Tegelwippen: the participant who counted tiles in the most different gardens (addresses); a garden counts when more than nothing was counted there net, tiles from the public space not included. Two participants who counted at one garden both have it (figure: gardens).',
  MOST_SPOTS_BY_WALKER:
    'Schouw: the walker who answered at the most different spots; a spot counts once, also when an answer there was replaced by a later one. Staff do not compete (figure: spots).',
  MOST_COUNTED_BY_PARTICIPANT:
    'Clean-up: the participant who counted the most in the app, all units together (each bag, bulky item and garden helped counts one), corrections included; the same figure as the standings. What staff entered counts for no participant (figure: things counted).',
  MOST_GARDENS_HELPED_BY_STREET:
    'Clean-up: the street where the most gardens were helped (the unit TUIN_GEHOLPEN, corrections included); no street competes when the action does not count gardens helped (figure: gardens helped).',
};

export const PrizeCategoryEnum = builder.enumType('PrizeCategory', {
  description: 'A prize a coordinator can give at the closing event; each belongs to one campaign kind.',
  values: Object.fromEntries(PRIZE_CATEGORY_CODES.map((code) => [code, { description: CATEGORY_DESCRIPTIONS[code] }])) as Record<PrizeCategory, { description: string }>,
});

const PrizeUnknownReasonEnum = builder.enumType('PrizeUnknownReason', {
  description: 'Why the winners of a prize can no longer be worked out.',
  values: { PERSONAL_DATA_ERASED: { description: "The campaign's personal data, its house numbers with it, was erased after it closed." } } as const,
});

const PrizeUnitEnum = builder.enumType('PrizeUnit', {
  description: "What a prize's figure counts.",
  values: {
    AREA_CM2: { description: 'Removed paving in cm².' },
    AREA_CM2_PER_HOUSEHOLD: { description: 'Removed paving in cm² per household that took part, rounded down.' },
    GARDENS: { description: 'Different gardens (addresses).' },
    SPOTS: { description: 'Different spots of the schouw.' },
    COUNTED: { description: 'Things counted, all units together (bags, bulky items, gardens helped), net of corrections.' },
    GARDENS_HELPED: { description: 'Gardens helped (the clean-up unit TUIN_GEHOLPEN).' },
  } as const,
});

type Winner = PlacedCandidate & { unit: PrizeUnit };

const PrizeWinnerRef = builder.objectRef<Winner>('PrizeWinner').implement({
  description: 'One proposed winner: a participant (name with consent, otherwise pseudonym) or a street.',
  authScopes: coordinators,
  fields: (t) => ({
    place: t.exposeInt('place', { description: '1 to 3; equal figures share a place and the next is skipped (1, 1, 3).' }),
    tied: t.exposeBoolean('tied', { description: 'Someone else has the same place: nobody was picked among them.' }),
    name: t.exposeString('name', { description: 'A display name when its owner agreed, a pseudonym, or a street name.' }),
    isPseudonym: t.exposeBoolean('isPseudonym'),
    figure: t.exposeInt('figure', { description: "What the prize is for, in the proposal's unit." }),
    areaM2: t.float({ nullable: true, description: 'The figure in m² for the area units; null for counts.', resolve: (w) => (w.unit === 'AREA_CM2' || w.unit === 'AREA_CM2_PER_HOUSEHOLD' ? w.figure / CM2_PER_M2 : null) }),
  }),
});

const PrizeProposalRef = builder.objectRef<service.PrizeProposal>('PrizeProposal').implement({
  description: 'A chosen prize with its proposed winner and the next two places.',
  authScopes: coordinators,
  fields: (t) => ({
    category: t.expose('category', { type: PrizeCategoryEnum }),
    unit: t.field({ type: PrizeUnitEnum, resolve: (p) => unitOf(p.category) }),
    winners: t.field({
      type: [PrizeWinnerRef],
      description: 'Places 1 to 3, best first; everyone on a shared place is listed. Empty when nobody has a figure yet.',
      resolve: (p) => p.winners.map((w) => ({ ...w, unit: unitOf(p.category) })),
    }),
    leftOut: t.exposeInt('leftOut', { description: 'Candidates on places 1 to 3 not listed (more share a place than fit).' }),
    unknownReason: t.expose('unknown', { type: PrizeUnknownReasonEnum, nullable: true, description: 'Set when the winners can no longer be worked out.' }),
  }),
});

const CampaignPrizesRef = builder.objectRef<service.CampaignPrizes>('CampaignPrizes').implement({
  description: "A campaign's prizes for its closing event.",
  authScopes: coordinators,
  fields: (t) => ({
    campaign: t.field({ type: CampaignRef, resolve: (p) => p.campaign }),
    available: t.field({ type: [PrizeCategoryEnum], description: 'The prizes a campaign of this kind can have, in the order they are shown.', resolve: (p) => p.available }),
    prizes: t.field({ type: [PrizeProposalRef], description: 'The chosen prizes with their proposed winners, in the same order.', resolve: (p) => p.prizes }),
  }),
});

// There are only so many prizes: a longer list is refused before its duplicates are looked at.
const categoriesRule = z
  .array(z.string())
  .max(PRIZE_CATEGORY_CODES.length, { message: `Er zijn ${PRIZE_CATEGORY_CODES.length} prijzen: kies er hoogstens zoveel.`, abort: true })
  .refine((categories) => new Set(categories).size === categories.length, 'Kies elke prijs hoogstens één keer.');

const SetCampaignPrizesInput = builder.inputType('SetCampaignPrizesInput', {
  fields: (t) => ({
    campaignId: t.id(),
    categories: t.field({ type: [PrizeCategoryEnum], description: 'Every prize the campaign gives; the others are taken off.', validate: categoriesRule }),
  }),
});

builder.queryFields((t) => ({
  campaignPrizes: t.field({
    type: CampaignPrizesRef,
    description: "Coordinators: a campaign's prizes for the closing event with the proposed winners.",
    authScopes: coordinators,
    args: { campaignId: t.arg.id() },
    resolve: (_root, args, ctx) => service.campaignPrizes(ctx.db, ctx.viewer, String(args.campaignId)),
  }),
}));

builder.mutationFields((t) => ({
  setCampaignPrizes: t.field({
    type: CampaignPrizesRef,
    description: 'Coordinators: chooses the prizes a campaign gives at its closing event (each must fit the campaign kind).',
    authScopes: coordinators,
    args: { input: t.arg({ type: SetCampaignPrizesInput }) },
    resolve: (_root, { input }, ctx) => service.setCampaignPrizes(ctx.db, ctx.viewer, { campaignId: String(input.campaignId), categories: input.categories, requestId: ctx.requestId }),
  }),
}));

/**
 * The prize categories a coordinator can choose from: a fixed list, each for one kind of
 * campaign, in the order the console and the big screen show them. prize.service.ts works
 * out each one's figure. What each one measures is said once per reader: in English for API
 * users in prize.schema.ts (CATEGORY_DESCRIPTIONS), in Dutch for people in the web's
 * lib/console/prizes.ts (PRIZE_WORDS).
 */
import type { CampaignKind } from '../campaign/campaign.table.js';

/** What a category's figure counts: cm², cm² per household, gardens, spots, everything counted or gardens helped. */
export type PrizeUnit = 'AREA_CM2' | 'AREA_CM2_PER_HOUSEHOLD' | 'GARDENS' | 'SPOTS' | 'COUNTED' | 'GARDENS_HELPED';

export const PRIZE_CATEGORIES = {
  MOST_AREA_BY_PARTICIPANT: { kind: 'TEGELWIPPEN', unit: 'AREA_CM2' },
  MOST_AREA_PER_HOUSEHOLD_BY_STREET: { kind: 'TEGELWIPPEN', unit: 'AREA_CM2_PER_HOUSEHOLD' },
  MOST_GARDENS_BY_PARTICIPANT: { kind: 'TEGELWIPPEN', unit: 'GARDENS' },
  MOST_SPOTS_BY_WALKER: { kind: 'SCHOUW', unit: 'SPOTS' },
  MOST_COUNTED_BY_PARTICIPANT: { kind: 'OPRUIMEN', unit: 'COUNTED' },
  MOST_GARDENS_HELPED_BY_STREET: { kind: 'OPRUIMEN', unit: 'GARDENS_HELPED' },
} as const satisfies Record<string, { kind: CampaignKind; unit: PrizeUnit }>;

export type PrizeCategory = keyof typeof PRIZE_CATEGORIES;

export const PRIZE_CATEGORY_CODES = Object.keys(PRIZE_CATEGORIES) as PrizeCategory[];

export const isPrizeCategory = (value: string): value is PrizeCategory => Object.hasOwn(PRIZE_CATEGORIES, value);

export const unitOf = (category: PrizeCategory): PrizeUnit => PRIZE_CATEGORIES[category].unit;

/** The categories a campaign of this kind can have, in the fixed order. */
export const categoriesFor = (kind: CampaignKind): PrizeCategory[] => PRIZE_CATEGORY_CODES.filter((code) => PRIZE_CATEGORIES[code].kind === kind);

/**
 * GraphQL types of what a campaign counts: the TallyUnit enum and CampaignUnit. Apart from
 * tally.schema.ts so that the campaign module (Campaign.units) can use them without
 * importing the ledger's operations, which import the campaign's types.
 */
import { CLEANUP_UNIT_CODES, isMeasuredArea, unitAreaCm2Of, UNIT_CODES, type CleanupUnitCode, type UnitCode } from '@buurtkracht/protocol/tally-units';
import { SIZE_CODE_AREA_CM2, type SizeCode } from '@buurtkracht/protocol/tile-sizes';
import { builder } from '../../graphql/builder.js';
import type { CampaignUnit } from './campaign-units.js';

const CLEANUP_DESCRIPTIONS: Record<CleanupUnitCode, string> = {
  ZAK_ZWERFVUIL: 'bags of litter picked up',
  ZAK_TUINAFVAL: 'bags of garden waste',
  GROFVUIL: 'bulky items put out for HVC to take away (pieces)',
  TUIN_GEHOLPEN: 'gardens helped',
};

function descriptionOf(code: UnitCode): string {
  if ((CLEANUP_UNIT_CODES as readonly string[]).includes(code)) return CLEANUP_DESCRIPTIONS[code as CleanupUnitCode];
  if (code === 'AREA') return 'paving: count is the measured area in cm²';
  return `paving: ${SIZE_CODE_AREA_CM2[code as SizeCode]} cm² per piece`;
}

export const TallyUnitEnum = builder.enumType('TallyUnit', {
  description: 'What the ledger counts: a tile or brick size (or AREA, a measured area) for tegelwippen; bags, bulky items or gardens helped for a clean-up.',
  values: Object.fromEntries(UNIT_CODES.map((code) => [code, { description: descriptionOf(code) }])) as Record<UnitCode, { description: string }>,
});

export const CampaignUnitRef = builder.objectRef<CampaignUnit>('CampaignUnit').implement({
  description: 'A unit a campaign counts, in the order the counter offers them, with its optional target.',
  fields: (t) => ({
    code: t.expose('code', { type: TallyUnitEnum }),
    areaCm2PerPiece: t.int({ description: '0 for units that are not paving, 1 for AREA.', resolve: (u) => unitAreaCm2Of(u.code, 1) }),
    measured: t.boolean({ description: 'Whether the count is a measured area in cm² (AREA).', resolve: (u) => isMeasuredArea(u.code) }),
    target: t.exposeInt('target', { nullable: true, description: 'What the coordinator hopes to reach in this unit; null: no target.' }),
  }),
});

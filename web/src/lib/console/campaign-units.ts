/**
 * What a campaign counts, as coordinators set it up: the units a kind may count, the ones
 * still to add, and the targets typed in the form turned into the API's CampaignUnitInput
 * (an empty field is no target). The server decides again (setCampaignUnits,
 * createCampaign); checking here first puts each problem next to its field at once.
 */
import { dutchNumber } from '$lib/console/dutch-number';
import { isMeasuredArea, MAX_UNIT_TARGET, UNITS_OF_KIND, type CountingKind, type UnitCode } from '@buurtkracht/protocol/tally-units';

export interface UnitDraft {
  code: UnitCode;
  /** As typed in its text field: '' for no target. */
  target: string;
}

export interface UnitInput {
  code: UnitCode;
  target: number | null;
}

/**
 * The one wording of the rule, as the hint under the targets and as the message next to a
 * target that breaks it (the server's campaign-unit-rules.ts says the same).
 */
export const TARGET_HINT = `Een doel is een heel getal van 1 tot ${dutchNumber(MAX_UNIT_TARGET)}. Laat het leeg voor geen doel.`;

/**
 * Whether a unit can have a target of its own. A measured area cannot: it adds to the m²
 * that a tegelwip action aims for (its target in m²), so the form offers no field for it.
 */
export const takesTarget = (code: UnitCode): boolean => !isMeasuredArea(code);

/**
 * The target of a draft as the API takes it: null when left empty, else the whole number;
 * undefined when it is not one in range. Only digits are read: "12,5", "1.000" or "abc"
 * are refused rather than guessed at (a browser's number field would silently send nothing).
 */
export function parseTarget(target: string): number | null | undefined {
  const text = target.trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= MAX_UNIT_TARGET ? value : undefined;
}

/**
 * The drafts as the API's units, in their order, with the problems by field key
 * ("units.1.target", as the API names them) for the ones that are not whole numbers in
 * range. A unit without a target of its own (takesTarget) is sent without one.
 */
export function unitInputs(drafts: readonly UnitDraft[]): { units: UnitInput[]; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const units = drafts.map((draft, i) => {
    if (!takesTarget(draft.code)) return { code: draft.code, target: null };
    const target = parseTarget(draft.target);
    if (target === undefined) problems[`units.${i}.target`] = TARGET_HINT;
    return { code: draft.code, target: target ?? null };
  });
  return { units, problems };
}

/** The units of this kind the campaign does not count yet, in the kind's order. */
export const unitsToAdd = (kind: CountingKind, chosen: readonly UnitCode[]): UnitCode[] => UNITS_OF_KIND[kind].filter((code) => !chosen.includes(code));

/**
 * Drafts for the units a campaign counts now, for the form: a target shows as its number,
 * none as an empty field. What was typed in `typed` and not saved yet stays (adding or
 * taking out another unit saves the list, not the targets being typed).
 */
export function draftsOf(units: readonly { code: UnitCode; target: number | null }[], typed: readonly UnitDraft[] = []): UnitDraft[] {
  return units.map((u) => ({ code: u.code, target: typed.find((d) => d.code === u.code)?.target ?? (u.target === null ? '' : String(u.target)) }));
}

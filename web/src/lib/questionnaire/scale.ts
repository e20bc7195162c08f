/**
 * The words of the questionnaire's 1–5 scale (SCALE questions), said once for every screen
 * that shows them: the console's results and report, the field app and the public form.
 * Each step is also drawn as a face (ScaleFace.svelte); the word is what carries the
 * meaning, the face only repeats it.
 */
import { SCALE_VALUES } from '@buurtkracht/protocol/questionnaire';

export type ScaleValue = (typeof SCALE_VALUES)[number];

/** Per language (the field app has nl and en), the word for each step, 1 = worst. */
export const SCALE_WORDS = {
  nl: { 1: 'Heel ontevreden', 2: 'Ontevreden', 3: 'Neutraal', 4: 'Tevreden', 5: 'Heel tevreden' },
  en: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' },
} as const satisfies Record<'nl' | 'en', Record<ScaleValue, string>>;

export const isScaleValue = (value: unknown): value is ScaleValue => (SCALE_VALUES as readonly unknown[]).includes(value);

/** "4 – Tevreden"; a value off the scale is shown as it is. */
export function scaleLabel(value: number | string, locale: keyof typeof SCALE_WORDS = 'nl'): string {
  const n = Number(value);
  return isScaleValue(n) ? `${n} – ${SCALE_WORDS[locale][n]}` : String(value);
}

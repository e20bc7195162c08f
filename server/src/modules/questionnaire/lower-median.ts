/**
 * The middle of values given `count` times each, the lower of the two middles for an even
 * count: always a value someone gave (a median of 3.5 on a 1–5 scale is no answer anyone
 * can picture). Questionnaire results and the programme's satisfaction use it.
 */
export function lowerMedianOf(counts: readonly { value: number; count: number }[]): number | null {
  const sorted = counts.filter((c) => c.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, c) => n + c.count, 0);
  if (total === 0) return null;
  const position = Math.floor((total - 1) / 2);
  let seen = 0;
  for (const c of sorted) {
    seen += c.count;
    if (seen > position) return c.value;
  }
  return null;
}

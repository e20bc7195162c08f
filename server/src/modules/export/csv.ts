/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields quoted when they hold the
 * separator, a quote or a line break, quotes doubled), UTF-8 with a byte order mark so
 * Excel shows ë and é, and `;` as separator on request for Dutch Excel.
 */
export type Separator = ',' | ';';

const BOM = '\uFEFF';

export function csvField(value: unknown, separator: Separator): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], separator: Separator = ','): string {
  const line = (fields: readonly unknown[]) => fields.map((f) => csvField(f, separator)).join(separator);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

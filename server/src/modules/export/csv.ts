/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields quoted when they hold the
 * separator, a quote or a line break, quotes doubled), UTF-8 with a byte order mark so
 * Excel shows ë and é, and `;` as separator on request for Dutch Excel.
 *
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a
 * formula (CSV injection): text that starts so gets a leading single quote, as OWASP
 * advises, whoever typed it (residents, coordinators). Numbers are passed as numbers and
 * left alone, so that corrections (-3) stay numbers; pass text as strings.
 */
export type Separator = ',' | ';';

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

export function csvField(value: unknown, separator: Separator): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value !== 'number' && typeof value !== 'bigint' && formulaStart.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], separator: Separator = ','): string {
  const line = (fields: readonly unknown[]) => fields.map((f) => csvField(f, separator)).join(separator);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

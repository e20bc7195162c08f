/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields quoted when they hold the
 * separator, a quote or a line break, quotes doubled), UTF-8 with a byte order mark so
 * Excel shows ë and é, and `;` as separator on request for Dutch Excel.
 *
 * Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage return as a
 * formula (CSV injection): text that starts so gets a leading single quote, as OWASP
 * advises, whoever typed it (residents, coordinators). Numbers are passed as numbers and
 * left alone, so that corrections (-3) stay numbers; pass text as strings.
 *
 * Dutch Excel reads "11.89" as text or a date: with `decimalComma` numbers are written
 * "11,89" (the exporter turns it on with `;`, which is what Dutch Excel splits on).
 */
export type Separator = ',' | ';';

/** A number written with a fixed number of decimals (m² as 9.00), still a number, never neutralised. */
export class Fixed {
  constructor(
    readonly value: number,
    readonly digits: number,
  ) {}
}

const BOM = '\uFEFF';
const formulaStart = /^[=+\-@\t\r]/;

function numberText(value: number | bigint | Fixed, decimalComma: boolean): string {
  const text = value instanceof Fixed ? value.value.toFixed(value.digits) : String(value);
  return decimalComma ? text.replace('.', ',') : text;
}

export function csvField(value: unknown, separator: Separator, decimalComma = false): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Fixed) text = numberText(value, decimalComma);
  else {
    text = String(value);
    if (formulaStart.test(text)) text = `'${text}`;
  }
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (fields: readonly unknown[], separator: Separator, decimalComma: boolean) => fields.map((f) => csvField(f, separator, decimalComma)).join(separator);

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], separator: Separator = ',', decimalComma = false): string {
  const line = (fields: readonly unknown[]) => csvLine(fields, separator, decimalComma);
  return BOM + [line(header), ...rows.map(line)].join('\r\n') + '\r\n';
}

/**
 * The same CSV as toCsv, one page of rows at a time: an export of any length is read and
 * sent in pages and never held whole in memory. The chunks joined equal toCsv's text.
 */
export async function* csvChunks(header: readonly string[], pages: AsyncIterable<readonly (readonly unknown[])[]>, separator: Separator = ',', decimalComma = false): AsyncGenerator<string> {
  yield BOM + csvLine(header, separator, decimalComma) + '\r\n';
  for await (const rows of pages) {
    if (rows.length > 0) yield rows.map((row) => csvLine(row, separator, decimalComma)).join('\r\n') + '\r\n';
  }
}

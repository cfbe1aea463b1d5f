// CSV as RFC 4180 describes it: CRLF after every record, fields with a delimiter, a quote, CR or LF in double
// quotes, quotes doubled. Plus what spreadsheets need: a UTF-8 byte order mark first (Excel reads UTF-8 without
// one as Windows-1252 and turns "ü" into "Ã¼"), and text that Excel would run as a formula (=, +, -, @, tab, CR at
// its start: OWASP's CSV injection rule) prefixed with an apostrophe. Numbers, booleans and dates are never
// changed, so the prefix can only meet free text.
export type CsvValue = string | number | boolean | null | undefined;

/** `,` as RFC 4180 says; `;` for German spreadsheets, whose list separator it is. */
export type CsvDelimiter = ',' | ';';

export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: CsvValue, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly CsvValue[], delimiter: CsvDelimiter = ','): string {
  return values.map((value) => cell(value, delimiter)).join(delimiter) + '\r\n';
}

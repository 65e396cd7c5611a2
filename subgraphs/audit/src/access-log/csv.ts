/**
 * CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds a comma, a
 * double quote, CR or LF, quotes inside doubled. Audit exports end up in spreadsheets, so
 * every cell is also defused against formula injection (OWASP "CSV injection"): a cell
 * that starts with = + - @, a tab or a carriage return gets a leading apostrophe, which
 * spreadsheets show as text instead of evaluating. Subjects, operation names and request
 * ids come from callers and could otherwise run as formulas on an auditor's machine.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: null is an empty cell; numbers and booleans as written. */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

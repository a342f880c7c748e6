/**
 * CSV as RFC 4180 has it (comma, CRLF, double quotes doubled), with a UTF-8 byte order mark so that
 * spreadsheet programs show Vietnamese text correctly. The parser reads back exactly what the writer wrote.
 *
 * A cell that a spreadsheet would take for a formula (starting with =, +, -, @, tab or CR) is written with a
 * leading apostrophe, so an auditor who opens the export runs nothing; the parser takes the apostrophe off again.
 */

const BOM = '\uFEFF';

/** Whether a spreadsheet would read the value as a formula (apostrophes already in front count, so guarding is reversible). */
const looksLikeFormula = (value: string): boolean => /^'*[=+\-@\t\r]/.test(value);

/** The value as written: guarded with an apostrophe when it looks like a formula. */
export const guardFormula = (value: string): string => (looksLikeFormula(value) ? `'${value}` : value);

/** The value as it was before guardFormula. */
export const unguardFormula = (value: string): string => (value.startsWith("'") && looksLikeFormula(value.slice(1)) ? value.slice(1) : value);

function cell(raw: string): string {
  const value = guardFormula(raw);
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(records: ReadonlyArray<readonly string[]>): string {
  return BOM + records.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Parses CSV text into records; throws on an unterminated quote. A trailing line break ends the last record. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i += 1;
    } else if (c === ',') {
      record.push(unguardFormula(field));
      field = '';
      fieldStarted = false;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      record.push(unguardFormula(field));
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) throw new Error('CSV: dấu ngoặc kép không được đóng');
  if (fieldStarted || record.length) {
    record.push(unguardFormula(field));
    records.push(record);
  }
  return records;
}

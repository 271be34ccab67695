import { CsvSyntaxError, readCsv } from '../csv/parse';
import { IMPORT_COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importRowSchema, type AnyImportRow, type ImportKind } from './kinds';

/**
 * Reading and checking an import file, in the browser (the preview, with progress) and on the
 * server (before it writes) alike. A problem with the whole file (its format, its columns, its
 * size) is an ImportFileError; a problem with a row is a RowError naming the row and the column.
 */
export type ImportFormat = 'csv' | 'json';

export interface RowError {
  /** The row's number among the file's rows: 1 is the first row after the CSV header, or the JSON array's first element. */
  row: number;
  /** The line of the file the row starts on (CSV), counting the header as line 1. */
  line: number | null;
  /** The file's column (e.g. product_id), or '' for the row as a whole. */
  column: string;
  reason: string;
}

export interface CheckedImport {
  rows: AnyImportRow[];
  errors: RowError[];
  /** How many rows the file holds. */
  total: number;
  /** The first rows as the file has them, for the preview (only the chunked check fills it). */
  preview: { row: number; values: Record<string, string> }[];
}

/** Rows the preview shows. */
export const PREVIEW_ROWS = 100;

export class ImportFileError extends Error {}

interface RawRecord {
  row: number;
  line: number | null;
  values: Record<string, unknown>;
  /** How far through the file, from 0 to 1. */
  progress: number;
}

export function byteSize(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/** The server's refusal, which stops reading past the limit and so does not know the file's size. */
export const TOO_LARGE = `The file is larger than Gantry imports at once: at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS.toLocaleString('en')} rows. Split it into smaller files.`;

export function tooLargeMessage(bytes: number): string {
  return `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; Gantry imports at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB (and ${IMPORT_MAX_ROWS.toLocaleString('en')} rows) at once. Split it into smaller files.`;
}

/** The file's rows, one at a time, with the column names checked against the kind's columns. */
export function* readImportRecords(text: string, format: ImportFormat, kind: ImportKind): Generator<RawRecord> {
  const known = new Map(IMPORT_COLUMNS[kind].map((c) => [c.column, c]));
  const checkColumns = (columns: string[], where: string) => {
    const unknown = columns.filter((c) => !known.has(c));
    if (unknown.length)
      throw new ImportFileError(
        `${where} ${unknown.map((c) => `“${c}”`).join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${kind} imports; the columns are ${[...known.keys()].join(', ')}.`,
      );
  };
  const missing = (columns: Set<string>) => IMPORT_COLUMNS[kind].filter((c) => c.required && !columns.has(c.column)).map((c) => c.column);
  let count = 0;
  const counted = () => {
    count += 1;
    if (count > IMPORT_MAX_ROWS)
      throw new ImportFileError(
        `The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows; Gantry imports at most that many at once. Split it into smaller files.`,
      );
    return count;
  };

  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw new ImportFileError('The file is not valid JSON: give an array of objects, one per row, keyed by column name.');
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
    if (!Array.isArray(list)) throw new ImportFileError('Give a JSON array of objects (or an object whose "rows" is one), one per row.');
    for (const [index, item] of list.entries()) {
      const row = counted();
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        yield { row, line: null, values: { __notObject: true }, progress: (index + 1) / list.length };
        continue;
      }
      checkColumns(Object.keys(item), `Row ${row}:`);
      yield { row, line: null, values: item as Record<string, unknown>, progress: (index + 1) / list.length };
    }
    return;
  }

  let header: string[] | null = null;
  try {
    for (const record of readCsv(text)) {
      if (!header) {
        header = record.cells.map((c) => c.trim());
        checkColumns(header.filter(Boolean), 'The header’s');
        const absent = missing(new Set(header));
        if (absent.length) throw new ImportFileError(`The header lacks the required column${absent.length === 1 ? '' : 's'} ${absent.join(', ')}.`);
        continue;
      }
      const row = counted();
      const values: Record<string, unknown> = {};
      header.forEach((column, i) => {
        if (column) values[column] = record.cells[i] ?? '';
      });
      if (record.cells.length > header.length && record.cells.slice(header.length).some((c) => c.trim()))
        values.__extraCells = record.cells.length - header.length;
      yield { row, line: record.line, values, progress: text.length ? record.offset / text.length : 1 };
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new ImportFileError(`The file is not valid CSV: ${error.message}`);
    throw error;
  }
  if (!header) throw new ImportFileError(`The file is empty: give a header line (${IMPORT_COLUMNS[kind].map((c) => c.column).join(',')}) and a row per item.`);
}

/** One row checked with the kind's schema: the row to write, or its problems by column. */
export function checkRecord(kind: ImportKind, { row, line, values }: Omit<RawRecord, 'progress'>): { value: AnyImportRow | null; errors: RowError[] } {
  if (values.__notObject) return { value: null, errors: [{ row, line, column: '', reason: 'Each row must be an object keyed by column name.' }] };
  if (values.__extraCells)
    return { value: null, errors: [{ row, line, column: '', reason: `The row has ${values.__extraCells} more cell(s) than the header has columns.` }] };
  const input: Record<string, unknown> = {};
  for (const { column, field } of IMPORT_COLUMNS[kind]) {
    const value = values[column];
    input[field] = value === null || value === undefined ? '' : typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
  const parsed = importRowSchema(kind).safeParse(input);
  if (parsed.success) return { value: parsed.data, errors: [] };
  const columnOf = new Map(IMPORT_COLUMNS[kind].map((c) => [c.field, c.column]));
  const errors: RowError[] = [];
  for (const issue of parsed.error.issues) {
    const column = columnOf.get(String(issue.path[0] ?? '')) ?? '';
    if (!errors.some((e) => e.column === column)) errors.push({ row, line, column, reason: issue.message });
  }
  return { value: null, errors };
}

/** Each record of the file with what checking it found; a file past the size limit is refused first. */
function* checkRecords(text: string, format: ImportFormat, kind: ImportKind) {
  const bytes = byteSize(text);
  if (bytes > IMPORT_MAX_BYTES) throw new ImportFileError(tooLargeMessage(bytes));
  for (const record of readImportRecords(text, format, kind)) yield { record, checked: checkRecord(kind, record) };
}

function addChecked(into: CheckedImport, checked: ReturnType<typeof checkRecord>) {
  into.total += 1;
  if (checked.value) into.rows.push(checked.value);
  into.errors.push(...checked.errors);
}

/** The whole file checked at once (the server, before it writes). */
export function checkImport(text: string, format: ImportFormat, kind: ImportKind): CheckedImport {
  const result: CheckedImport = { rows: [], errors: [], total: 0, preview: [] };
  for (const { checked } of checkRecords(text, format, kind)) addChecked(result, checked);
  return result;
}

/**
 * The same, a chunk of rows at a time, giving the event loop back between chunks and saying how
 * far it is (the import page's progress bar), with the first rows kept for the preview.
 */
export async function checkImportInChunks(
  text: string,
  format: ImportFormat,
  kind: ImportKind,
  onProgress: (fraction: number) => void,
  chunk = 500,
): Promise<CheckedImport> {
  const result: CheckedImport = { rows: [], errors: [], total: 0, preview: [] };
  for (const { record, checked } of checkRecords(text, format, kind)) {
    addChecked(result, checked);
    if (result.preview.length < PREVIEW_ROWS) {
      const values = Object.fromEntries(
        Object.entries(record.values).map(([k, v]) => [k, v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)]),
      );
      result.preview.push({ row: record.row, values });
    }
    if (result.total % chunk === 0) {
      onProgress(record.progress);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  onProgress(1);
  return result;
}

/** "row 3 (line 4), title: Give the change request a title." */
export function describeRowError(e: RowError): string {
  const where = `row ${e.row}${e.line !== null ? ` (line ${e.line})` : ''}`;
  return `${where}${e.column ? `, ${e.column}` : ''}: ${e.reason}`;
}

/**
 * The one CSV reader (RFC 4180, as spreadsheets write it): a leading byte-order mark is dropped,
 * lines end in CRLF or LF, a quoted cell may hold commas, quotes ("") and line breaks. Safe for
 * client components: the import page parses in the browser for its preview, the server again
 * before it writes.
 */
export interface CsvRecord {
  /** The line the record starts on, counting the header as line 1. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`Line ${line}: ${message}`);
  }
}

/**
 * The records of `text`, one at a time, with how far into the text the reader is (for a
 * progress bar). Blank lines are skipped.
 */
export function* readCsv(text: string): Generator<CsvRecord & { offset: number }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(startLine, 'a quoted cell is not closed (a " is missing).');
          const c = text[i]!;
          i += 1;
          if (c === '"') {
            if (text[i] !== '"') break;
            i += 1;
          } else if (c === '\n') line += 1;
          cell += c;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r')
          throw new CsvSyntaxError(line, 'text follows a closing quote; double a " inside a quoted cell.');
      } else {
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      }
      cells.push(cell);
      if (i >= n) break;
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '\r') i += 1;
      if (text[i] === '\n') i += 1;
      line += 1;
      break;
    }
    if (cells.length === 1 && cells[0] === '') continue;
    yield { line: startLine, cells, offset: i };
  }
}

/** Every record at once. */
export function parseCsv(text: string): CsvRecord[] {
  return Array.from(readCsv(text), ({ line, cells }) => ({ line, cells }));
}

/**
 * The one CSV writer (RFC 4180): every export goes through it. Safe for client components.
 *
 * A cell is quoted when it holds a quote, comma or line break; a text cell that starts with = + - @,
 * a tab or a carriage return gets a leading ' so that a spreadsheet shows it as text instead of
 * running it as a formula.
 */
export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  // Text only: a number (-5) is data, never a formula.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole document: a header line, then the rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/**
 * A document as a stream: the header, then the lines of each page that `nextPage` reads, until it
 * answers an empty page. Memory stays at one page whatever the size of the list.
 */
export function csvStream<C>(header: readonly string[], nextPage: (cursor: C | null) => Promise<{ rows: readonly (readonly CsvValue[])[]; cursor: C | null }>) {
  const encoder = new TextEncoder();
  let cursor: C | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(header)));
      }
      if (done) return controller.close();
      const page = await nextPage(cursor);
      if (page.rows.length) controller.enqueue(encoder.encode(page.rows.map(csvLine).join('')));
      cursor = page.cursor;
      if (!page.rows.length || page.cursor === null) {
        done = true;
        controller.close();
      }
    },
  });
}

import { describe, expect, it } from 'vitest';

import { CsvSyntaxError, parseCsv } from './parse';
import { csvCell, csvDocument, csvLine, csvStream } from './write';

describe('the CSV writer', () => {
  it('quotes cells with commas, quotes and line breaks, and only those', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(true)).toBe('yes');
    expect(csvCell(new Date('2026-12-03T10:00:00Z'))).toBe('2026-12-03T10:00:00.000Z');
  });

  it('guards against formulas: a cell starting with = + - or @ gets a leading quote', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe('"\'+1"');
    expect(csvCell('-2')).toBe('"\'-2"');
    expect(csvCell('@SUM(A1)')).toBe('"\'@SUM(A1)"');
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('\tcmd')).toBe('"\'\tcmd"');
    expect(csvCell(-1)).toBe('-1');
  });

  it('writes CRLF lines, and a document that the reader reads back cell for cell', () => {
    const rows = [
      ['CR-1', 'Comma, quote " and\nnewline', ''],
      ['CR-2', 'plain', 'x'],
    ];
    expect(csvLine(['a', 'b'])).toBe('a,b\r\n');
    const text = csvDocument(['id', 'title', 'owner'], rows);
    expect(parseCsv(text).map((r) => r.cells)).toEqual([['id', 'title', 'owner'], ...rows]);
  });

  it('streams a header and then each page until a page says it is the last', async () => {
    const pages = [
      { rows: [['1'], ['2']], cursor: 2 },
      { rows: [['3']], cursor: null },
    ];
    const stream = csvStream<number>(['n'], async (cursor) => pages[cursor === null ? 0 : 1]!);
    expect(await new Response(stream).text()).toBe('n\r\n1\r\n2\r\n3\r\n');
  });
});

describe('the CSV reader', () => {
  it('drops a byte-order mark and reads CRLF and LF lines alike', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,2\n3,4').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted cells, and counts lines for each record', () => {
    const records = parseCsv('title,size\r\n"one, two",S\r\n"multi\r\nline ""quoted""",M\r\nlast,L\r\n');
    expect(records.map((r) => r.cells)).toEqual([
      ['title', 'size'],
      ['one, two', 'S'],
      ['multi\r\nline "quoted"', 'M'],
      ['last', 'L'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('keeps empty cells, a trailing empty cell, and skips blank lines', () => {
    expect(parseCsv('a,,c\n\nd,e,\n').map((r) => r.cells)).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
  });

  it('refuses an unclosed quote and text after a closing quote, naming the line', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/Line 2/);
    expect(() => parseCsv('"x"y,1')).toThrow(/text follows a closing quote/);
  });
});

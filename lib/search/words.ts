/**
 * Which words of a query take part in a search: three characters or more (a shorter word has no
 * trigram of its own and would read a whole index), at most eight. Pure, for the palette too.
 */
export const MIN_WORD_LENGTH = 3;

export function searchWords(q: string): string[] {
  return [...new Set(q.trim().toLowerCase().split(/\s+/))].filter((word) => word.length >= MIN_WORD_LENGTH).slice(0, 8);
}

/**
 * A closed list of keys declared once, with what each key says: the keys, in their order, are
 * those of the map, so no key lacks its words and no words name a key outside the list.
 * `keys` suits `z.enum` and `.map`; `is` tells whether an untrusted value is one of the keys.
 * Pure, for server and client components alike.
 */
export function keyedList<M extends Record<string, unknown>>(words: M) {
  type Key = keyof M & string;
  const keys = Object.keys(words) as [Key, ...Key[]];
  if (keys.length === 0) throw new Error('keyedList: a list needs at least one key');
  const is = (value: unknown): value is Key => typeof value === 'string' && Object.hasOwn(words, value);
  return { keys: keys as Readonly<typeof keys>, words, is };
}

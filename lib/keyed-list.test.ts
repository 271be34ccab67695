import { describe, expect, it } from 'vitest';

import { keyedList } from './keyed-list';

describe('keyedList', () => {
  const list = keyedList({ b: 'Bee', a: 'Ay', toString: 'Own key' });

  it('keeps the keys in the order the map declares them', () => {
    expect(list.keys).toEqual(['b', 'a', 'toString']);
    expect(list.words.a).toBe('Ay');
  });

  it('accepts only its own keys, not inherited names or other types', () => {
    expect(list.is('a')).toBe(true);
    expect(list.is('toString')).toBe(true);
    expect(keyedList({ a: 1 }).is('toString')).toBe(false);
    expect(list.is('c')).toBe(false);
    expect(list.is(1)).toBe(false);
    expect(list.is(undefined)).toBe(false);
  });

  it('refuses an empty list', () => {
    expect(() => keyedList({})).toThrow(/at least one key/);
  });
});

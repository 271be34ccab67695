import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { decimal, integer, isSafeEvidenceUri, rowVersion } from '../validation/fields';
import { type ActionError } from './result';
import { inspectInput, INPUT_LIMITS, procedureMarkOf } from './procedure';
import { procedureFiles } from './procedure-files';

/**
 * Issue 12, item 7: every string an action or route takes has a maximum length, numbers are not
 * coerced from booleans or exponents, and the wrapper refuses NUL bytes and absurd structures
 * before any schema. The inputs are found as procedures.test.ts finds the procedures (procedureFiles), so a
 * new action is checked at once.
 */
const root = process.cwd();

const inputs: { label: string; input: z.ZodType }[] = [];
const { actionFiles, routeFiles } = procedureFiles();
for (const file of [...actionFiles, ...routeFiles]) {
  const exported = (await import(path.join(root, file))) as Record<string, unknown>;
  for (const [name, value] of Object.entries(exported)) {
    const mark = procedureMarkOf(value);
    if (mark?.input) inputs.push({ label: `${file} ${name}`, input: mark.input });
  }
}

type JsonSchema = { type?: string | string[]; maxLength?: number; enum?: unknown[]; const?: unknown; format?: string; [key: string]: unknown };

/** Every string in a JSON schema that has no maximum length, by its path. */
function unboundedStrings(schema: unknown, at = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const found: string[] = [];
  const types = Array.isArray(node.type) ? node.type : [node.type];
  // A UUID’s length is fixed by its format.
  const bounded = node.maxLength !== undefined || node.enum !== undefined || node.const !== undefined || node.format === 'uuid';
  if (types.includes('string') && !bounded) found.push(at || '(input)');
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value) {
      for (const [field, inner] of Object.entries(value)) found.push(...unboundedStrings(inner, at ? `${at}.${field}` : field));
    } else if (typeof value === 'object' && value !== null) {
      found.push(...(Array.isArray(value) ? value.flatMap((v) => unboundedStrings(v, at)) : unboundedStrings(value, at)));
    }
  }
  return found;
}

describe('action and route inputs', () => {
  it('finds the inputs of every action and route', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(inputs.map((i) => [i.label, i] as const))('%s: every string has a maximum length', (_label, { input }) => {
    const schema = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' });
    expect([...new Set(unboundedStrings(schema))]).toEqual([]);
  });
});

describe('inspectInput', () => {
  const refusal = (raw: unknown) => {
    try {
      inspectInput(raw);
    } catch (error) {
      return error as ActionError;
    }
    return null;
  };

  it('refuses a NUL byte in any string or field name, naming the field', () => {
    expect(refusal({ title: 'a\u0000b' })).toMatchObject({ code: 'invalid_input', fieldErrors: { title: expect.stringContaining('NUL') } });
    expect(refusal({ nested: { deeper: ['ok', 'x\u0000'] } })).toMatchObject({ fieldErrors: { nested: expect.stringContaining('NUL') } });
    expect(refusal({ ['ti\u0000tle']: 'x' })).toMatchObject({ code: 'invalid_input' });
    expect(refusal('\u0000')).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses deep nesting, too many values, huge strings and non-finite numbers', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < INPUT_LIMITS.depth + 1; i++) deep = { deep };
    expect(refusal(deep)?.code).toBe('invalid_input');
    expect(refusal({ list: Array.from({ length: INPUT_LIMITS.values + 1 }, () => 1) })?.message).toBe('The request holds too many values.');
    expect(refusal({ email: 'a'.repeat(INPUT_LIMITS.stringLength + 1) })).toMatchObject({ fieldErrors: { email: expect.stringContaining('At most') } });
    expect(refusal({ n: Number.POSITIVE_INFINITY })?.code).toBe('invalid_input');
  });

  it('lets ordinary input through', () => {
    expect(refusal({ title: 'Upgrade the driver', version: 3, tags: ['a', 'b'], nested: { ok: true } })).toBeNull();
  });
});

describe('evidence URIs', () => {
  it('takes http(s) links and repository paths, and refuses every other scheme', () => {
    for (const ok of ['https://ci.example.com/runs/42', 'http://example.com', 'artifacts/RI-004/build.log', 'docs/kernel.md#x', '/reports/a.html'])
      expect(isSafeEvidenceUri(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,x',
      'file:///etc/passwd',
      'vbscript:x',
      '//evil.example/x',
      'https://',
      'a\u0000b',
    ]) {
      expect(isSafeEvidenceUri(bad), bad).toBe(false);
    }
  });
});

describe('numbers', () => {
  it('takes a number or its decimal text, and nothing else', () => {
    expect(rowVersion.parse(3)).toBe(3);
    expect(rowVersion.parse('3')).toBe(3);
    for (const bad of [true, false, null, [], {}, '1e20', '0x10', ' 3', '3.5', 3.5, 0, -1, 1e20, '', 'NaN', Number.NaN]) {
      expect(rowVersion.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    const since = decimal({ min: 0, max: 4_102_444_800_000 });
    expect(since.parse('1733130000000.5')).toBe(1733130000000.5);
    expect(since.safeParse('1e20').success).toBe(false);
    expect(since.safeParse(1e20).success).toBe(false);
    expect(integer({ min: 0, max: 1000 }).safeParse(true).success).toBe(false);
  });
});

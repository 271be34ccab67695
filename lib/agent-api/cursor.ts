import { ActionError } from '../procedure/result';

/** An opaque page cursor: the last row's sort key, base64url JSON. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // falls through to the refusal
  }
  throw new ActionError('invalid_input', 'This cursor is not one the API gave; start again without it.', { cursor: 'Use the nextCursor of the previous page' });
}

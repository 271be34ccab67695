/**
 * Server actions are public HTTP endpoints (POST with a `Next-Action` header). Next.js answers a
 * malformed, empty or oversized body with an error digest and HTTP 200; these checks run first
 * (proxy.ts) and answer 400 or 413 with a JSON refusal instead, before any action runs:
 * - the body is at most ACTION_BODY_LIMIT bytes;
 * - it is what React sends: JSON text (an array of arguments) or multipart form data, with no
 *   file parts (no Gantry action takes files);
 * - no string or field name in it holds a NUL byte.
 * The action wrapper checks the parsed input again (inspectInput), for calls that do not come
 * over HTTP.
 */
import { readBodyUpTo } from '../validation/body';

export const ACTION_BODY_LIMIT = 512 * 1024;

const refuse = (status: 400 | 413, message: string) =>
  Response.json({ ok: false, error: { code: status === 413 ? 'too_large' : 'invalid_input', message } }, { status, headers: { 'cache-control': 'no-store' } });

export function isActionRequest(request: Request): boolean {
  return request.method === 'POST' && request.headers.has('next-action');
}

export async function checkActionRequest(request: Request): Promise<Response | null> {
  const bytes = await readBodyUpTo(request.clone(), ACTION_BODY_LIMIT);
  if (bytes === null) return refuse(413, `The request is larger than Gantry takes (${ACTION_BODY_LIMIT / 1024} kB).`);
  if (bytes.byteLength === 0) return refuse(400, 'The request has no body; an action needs its arguments.');
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) return checkForm(request.clone());
  if (!type.startsWith('text/plain') && !type.startsWith('application/json')) {
    return refuse(400, 'Send an action’s arguments as React does: JSON text or multipart form data.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(400, 'The request body is not valid UTF-8 text.');
  }
  let args: unknown;
  try {
    args = JSON.parse(text);
  } catch {
    return refuse(400, 'The request body is not valid JSON.');
  }
  if (!Array.isArray(args)) return refuse(400, 'An action’s arguments are a JSON array.');
  return holdsNul(args) ? refuse(400, 'A field holds a NUL character (\\0); remove it and try again.') : null;
}

async function checkForm(request: Request): Promise<Response | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return refuse(400, 'The request body is not valid form data.');
  }
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') return refuse(400, 'Gantry takes no files here; send the form’s text fields only.');
    if (key.includes('\u0000') || value.includes('\u0000')) return refuse(400, 'A field holds a NUL character (\\0); remove it and try again.');
  }
  return null;
}

function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null || depth > 32) return false;
  return Object.entries(value).some(([key, inner]) => key.includes('\u0000') || holdsNul(inner, depth + 1));
}

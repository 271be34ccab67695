import 'server-only';

import { AgentProblem } from './problem';

/** The largest request body the agent API reads, in bytes; larger ones answer 413. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Reads a request's body, refusing one larger than MAX_BODY_BYTES (by its Content-Length when
 * it states one, else by what arrives) before parsing anything.
 */
export async function readLimitedBody(request: Request): Promise<string> {
  const stated = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(stated) && stated > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): AgentProblem {
  return new AgentProblem('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB, the agent API's limit.`);
}

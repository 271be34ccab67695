import 'server-only';

import { readBodyUpTo } from '../validation/body';
import { AgentProblem } from './problem';

/** The largest request body the agent API reads, in bytes; larger ones answer 413. */
export const MAX_BODY_BYTES = 256 * 1024;

/** Reads a request's body, refusing one larger than MAX_BODY_BYTES before parsing anything. */
export async function readLimitedBody(request: Request): Promise<string> {
  const body = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (body === null) throw payloadTooLarge();
  return new TextDecoder().decode(body);
}

/** The refusal of a body larger than MAX_BODY_BYTES (413). */
export function payloadTooLarge(): AgentProblem {
  return new AgentProblem('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB, the agent API's limit.`);
}

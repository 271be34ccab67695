/**
 * What every server action and API route answers: a small result, or a clear error. Safe for
 * client components (forms read it).
 */
export type ErrorCode =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  /** The caller acted on a version of the item that someone else has since changed. */
  | 'stale'
  | 'setup_done'
  /** The request body is larger than Gantry takes (ROUTE_BODY_LIMIT). */
  | 'too_large'
  /** The caller holds more of something than Gantry allows at once (open event streams). */
  | 'too_many'
  | 'internal';

export interface ActionErrorBody {
  code: ErrorCode;
  message: string;
  /** Per field, the first problem with it (forms show it beside the field). */
  fieldErrors?: Record<string, string>;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionErrorBody };

/** HTTP status of each error code, for API routes. */
export const STATUS_OF: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  stale: 409,
  setup_done: 409,
  too_large: 413,
  too_many: 429,
  internal: 500,
};

/** A refusal the domain raises on purpose; the wrapper turns it into the error result. */
export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

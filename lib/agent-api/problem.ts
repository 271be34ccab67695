import { ActionError, STATUS_OF, type ActionErrorBody, type ErrorCode } from '../procedure/result';

/**
 * The agent API's own refusals, beyond the wrapper's codes: each has a stable `code` (what an
 * agent branches on) and an HTTP status. They travel through the wrapper as ActionErrors of the
 * nearest general code, so every other caller of the wrapper keeps working.
 */
export const PROBLEMS = {
  already_claimed: { status: 409, title: 'The work is already claimed', as: 'conflict' },
  work_blocked: { status: 409, title: 'The work has unresolved blockers', as: 'conflict' },
  not_claimable: { status: 409, title: 'The work cannot be claimed', as: 'conflict' },
  attempt_ended: { status: 409, title: 'The attempt has ended', as: 'conflict' },
  not_your_attempt: { status: 403, title: 'The attempt is held by another worker', as: 'forbidden' },
  lease_expired: { status: 410, title: 'The lease on the attempt has expired', as: 'conflict' },
  policy_refused: { status: 409, title: 'The deploy gate refused the deployment', as: 'conflict' },
  idempotency_mismatch: { status: 422, title: 'The idempotency key was used for another request', as: 'invalid_input' },
  payload_too_large: { status: 413, title: 'The request body is too large', as: 'invalid_input' },
  rate_limited: { status: 429, title: 'Too many requests', as: 'forbidden' },
} as const satisfies Record<string, { status: number; title: string; as: ErrorCode }>;

export type ProblemCode = keyof typeof PROBLEMS;

const GENERAL_TITLES: Record<ErrorCode, string> = {
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  invalid_input: 'The request is not valid',
  not_found: 'Not found',
  conflict: 'The request conflicts with the current state',
  stale: 'The resource has changed',
  setup_done: 'Set-up is done',
  too_large: 'The request body is too large',
  too_many: 'Too many open at once',
  internal: 'Internal error',
};

/** A refusal with its own problem code and status (409 already_claimed, 410 lease_expired, …). */
export class AgentProblem extends ActionError {
  constructor(
    readonly problem: ProblemCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Record<string, unknown> = {},
  ) {
    super(PROBLEMS[problem].as, message);
    this.name = 'AgentProblem';
  }
}

/** An RFC 9457 problem details object. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** Per field, the first problem with it (invalid input). */
  errors?: Record<string, string>;
  [extension: string]: unknown;
}

export function problemType(code: string): string {
  return `urn:gantry:problem:${code}`;
}

/** The problem for a refusal: the agent API's own, else the wrapper's error body. */
export function toProblem(error: ActionErrorBody, specific?: AgentProblem): ProblemDetails {
  if (specific && specific.message === error.message) {
    const { status, title } = PROBLEMS[specific.problem];
    return { type: problemType(specific.problem), title, status, detail: specific.message, code: specific.problem, ...specific.extra };
  }
  return {
    type: problemType(error.code),
    title: GENERAL_TITLES[error.code],
    status: STATUS_OF[error.code],
    detail: error.message,
    code: error.code,
    ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
  };
}

/** An HTTP answer as plain parts: Next's route makes a Response of it, the heartbeat fast path writes it to node:http. */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function toResponse(answer: PlainAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function problemAnswer(problem: ProblemDetails, headers: Record<string, string> = {}): PlainAnswer {
  return {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(problem),
  };
}

export function problemResponse(problem: ProblemDetails, headers: Record<string, string> = {}): Response {
  return toResponse(problemAnswer(problem, headers));
}

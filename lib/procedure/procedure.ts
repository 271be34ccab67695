import 'server-only';

import type { z } from 'zod';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { hasAnyAccount } from '../auth/first-admin';
import { actorOf, resolveCaller, type AccountCaller, type AnonymousCaller, type Caller, type MemberCaller, type OrganisationCaller } from '../auth/identity';
import { requireOpenInvitation, type InvitationView } from '../organisations/invitations';
import { requireOpenResetLink, type ResetLinkView } from '../auth/password-resets';
import { can, PERMISSIONS, ROLE_LABELS, type Permission } from '../organisations/permissions';
import { ActionError, type ActionErrorBody, type ActionResult } from './result';

/**
 * Who may call a procedure (a server action or an API route):
 * - a permission of the roles table: a member or a builder token of an organisation whose role
 *   has it; the procedure runs inside that organisation (row-level security applies);
 * - 'signed-in': any signed-in person, acting on their own account (switching organisation);
 * - 'first-admin': anyone, but only while the instance has no account at all;
 * - 'invitation' and 'password-reset': a person (signed in or not, never a token) holding an open
 *   invitation's or password-reset link's one-time token, sent as the input's `token`: that token
 *   is their credential, as a bearer token is a builder's. The procedure gets the link and opens
 *   its own transaction.
 */
export type Access = { permission: Permission; callers?: readonly ('member' | 'token')[] } | 'signed-in' | 'first-admin' | LinkAccess;
type LinkAccess = 'invitation' | 'password-reset';

type PersonOrVisitor = MemberCaller | AccountCaller | AnonymousCaller;

type Run<A extends Access, I, R> = A extends 'first-admin'
  ? (args: { input: I }) => Promise<R>
  : A extends 'invitation'
    ? (args: { caller: PersonOrVisitor; invitation: InvitationView; input: I }) => Promise<R>
    : A extends 'password-reset'
      ? (args: { caller: PersonOrVisitor; link: ResetLinkView; input: I }) => Promise<R>
      : A extends 'signed-in'
        ? (args: { caller: MemberCaller | AccountCaller; input: I }) => Promise<R>
        : (args: { tx: Database; caller: OrganisationCaller; input: I }) => Promise<R>;

export interface ProcedureSpec<A extends Access, S extends z.ZodType, R> {
  /** As exported, e.g. 'createApiToken'. */
  name: string;
  access: A;
  input: S;
  run: Run<A, z.output<S>, R>;
}

/** Marks every function made by the wrapper, so that a test can prove no action or route bypasses it. */
export const PROCEDURE = Symbol.for('gantry.procedure');
export interface ProcedureMark {
  name: string;
  access: Access;
  /** The input schema, so that a test can check every string in it has a maximum length. */
  input?: z.ZodType;
}

export function markProcedure<F extends object>(fn: F, mark: ProcedureMark): F {
  Object.defineProperty(fn, PROCEDURE, { value: mark });
  return fn;
}

export function procedureMarkOf(value: unknown): ProcedureMark | undefined {
  return typeof value === 'function' ? (value as unknown as Record<symbol, ProcedureMark | undefined>)[PROCEDURE] : undefined;
}

/**
 * Authenticate, authorise, parse, run in the caller's organisation, answer small. The input is
 * read only once the caller may call (an anonymous caller learns nothing about its shape).
 */
export async function runProcedure<A extends Access, S extends z.ZodType, R>(
  spec: ProcedureSpec<A, S, R>,
  headers: Headers,
  readInput: () => Promise<unknown>,
): Promise<ActionResult<R>> {
  try {
    const caller = await resolveCaller(headers);
    await authorise(spec.access, caller);
    const raw = await readInput();
    inspectInput(raw);
    // A link's token is the credential: checked before the rest of the input.
    const link = isLinkAccess(spec.access) ? await openLink(spec.access, (raw as { token?: unknown } | null)?.token) : undefined;
    const parsed = spec.input.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error);
    const input = parsed.data as z.output<S>;
    const data = await execute(spec, caller, input, link);
    return { ok: true, data };
  } catch (error) {
    return { ok: false, error: describeFailure(spec.name, error) };
  }
}

async function authorise(access: Access, caller: Caller): Promise<void> {
  if (access === 'first-admin') {
    if (await hasAnyAccount()) throw new ActionError('setup_done', 'Gantry already has an admin account: sign in instead.');
    return;
  }
  if (isLinkAccess(access)) {
    if (caller.kind === 'token') throw new ActionError('forbidden', 'An API token cannot use an invitation or password-reset link; a person does.');
    if (caller.kind === 'anonymous' && caller.invalidToken) throw new ActionError('unauthenticated', 'This API token is not valid, or it was revoked.');
    return;
  }
  if (caller.kind === 'anonymous') {
    throw new ActionError('unauthenticated', caller.invalidToken ? 'This API token is not valid, or it was revoked.' : 'Sign in to continue.');
  }
  if (access === 'signed-in') {
    if (caller.kind === 'token') throw new ActionError('forbidden', 'Only a signed-in person can do this, not an API token.');
    return;
  }
  if (caller.kind === 'account') throw new ActionError('forbidden', 'You are not a member of any organisation; ask an owner to add you.');
  const { does } = PERMISSIONS[access.permission];
  const callers = access.callers ?? ['member', 'token'];
  if (!callers.includes(caller.kind)) throw new ActionError('forbidden', `An API token may not ${does}; sign in as a person.`);
  if (!can(caller.role, access.permission)) {
    throw new ActionError('forbidden', `Your role (${ROLE_LABELS[caller.role]}) may not ${does}.`);
  }
}

function execute<A extends Access, S extends z.ZodType, R>(
  spec: ProcedureSpec<A, S, R>,
  caller: Caller,
  input: z.output<S>,
  link: InvitationView | ResetLinkView | undefined,
): Promise<R> {
  if (spec.access === 'first-admin') return (spec.run as Run<'first-admin', z.output<S>, R>)({ input });
  if (spec.access === 'invitation') {
    return (spec.run as Run<'invitation', z.output<S>, R>)({ caller: caller as PersonOrVisitor, invitation: link as InvitationView, input });
  }
  if (spec.access === 'password-reset') {
    return (spec.run as Run<'password-reset', z.output<S>, R>)({ caller: caller as PersonOrVisitor, link: link as ResetLinkView, input });
  }
  if (spec.access === 'signed-in') return (spec.run as Run<'signed-in', z.output<S>, R>)({ caller: caller as MemberCaller | AccountCaller, input });
  const member = caller as OrganisationCaller;
  const run = spec.run as Run<{ permission: Permission }, z.output<S>, R>;
  return withOrganisation(member.organisationId, (tx) => run({ tx, caller: member, input }), { actor: actorOf(member) });
}

/** What any input may hold, whatever its schema says (documented in docs/governance.md). */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays. */
  depth: 8,
  /** Values (strings, numbers, keys …) in all. */
  values: 2_000,
  /** Characters of any one string, before the schema's own (smaller) maximum. */
  stringLength: 100_000,
} as const;

/**
 * Checks the raw input before its schema: no NUL byte (PostgreSQL refuses it in text, and no
 * field has a use for it) in any string or key, no deeper nesting or more values than
 * INPUT_LIMITS. A refusal names the field.
 */
export function inspectInput(raw: unknown): void {
  let values = 0;
  const walk = (value: unknown, field: string, depth: number): void => {
    values += 1;
    if (values > INPUT_LIMITS.values) throw new ActionError('invalid_input', 'The request holds too many values.');
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw refuseField(field, 'Remove the NUL character (\\0) from this field.');
      if (value.length > INPUT_LIMITS.stringLength) throw refuseField(field, `At most ${INPUT_LIMITS.stringLength} characters.`);
      return;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) throw refuseField(field, 'Give a finite number.');
    if (typeof value !== 'object' || value === null) return;
    if (depth >= INPUT_LIMITS.depth) throw refuseField(field, 'This field is nested too deeply.');
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) throw new ActionError('invalid_input', 'A field name holds a NUL character (\\0).');
      walk(inner, field || key, depth + 1);
    }
  };
  walk(raw, '', 0);
}

function refuseField(field: string, message: string): ActionError {
  return new ActionError('invalid_input', 'One field needs another look; see the message beside it.', { [field || '_']: message });
}

function isLinkAccess(access: Access): access is LinkAccess {
  return access === 'invitation' || access === 'password-reset';
}

function openLink(access: LinkAccess, token: unknown): Promise<InvitationView | ResetLinkView> {
  return access === 'invitation' ? requireOpenInvitation(token) : requireOpenResetLink(token);
}

function invalidInput(error: z.ZodError): ActionError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : '_';
    fieldErrors[field] ??= issue.message;
  }
  const count = Object.keys(fieldErrors).length;
  const message = count === 1 ? 'One field needs another look; see the message beside it.' : `${count} fields need another look; see the messages beside them.`;
  return new ActionError('invalid_input', message, fieldErrors);
}

/** Database refusals the caller can act on, by SQLSTATE: a rule (trigger or CHECK), a duplicate, a missing reference. */
const DATABASE_REFUSALS: Record<string, ActionError['code']> = { '23514': 'conflict', '23505': 'conflict', '23503': 'not_found', '42501': 'forbidden' };

function describeFailure(name: string, error: unknown): ActionErrorBody {
  if (error instanceof ActionError) {
    return { code: error.code, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  const pg = pgErrorOf(error);
  const code = pg.code && DATABASE_REFUSALS[pg.code];
  if (code === 'conflict') return { code, message: pg.message.replace(/^[A-Z]+: /, '') };
  if (code === 'not_found') return { code, message: 'Something it refers to does not exist in this organisation.' };
  if (code === 'forbidden') return { code, message: 'That belongs to another organisation.' };
  console.error(`${name} failed:`, error);
  return { code: 'internal', message: 'Something went wrong on our side; nothing was changed. Try again in a moment.' };
}

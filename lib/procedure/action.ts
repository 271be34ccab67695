import 'server-only';

import type { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { markProcedure, runProcedure, type Access, type ProcedureSpec } from './procedure';
import { requestHeaders } from './request';
import { ActionError, type ActionResult } from './result';

export type Action<S extends z.ZodType, R> = (input: z.input<S> | FormData) => Promise<ActionResult<R>>;

/**
 * The one way to write a server action: it authenticates the caller (session cookie or API
 * token), checks the permission, parses the input with zod, runs `run` in a transaction inside
 * the caller's organisation, and answers `{ ok, data }` or `{ ok: false, error }`. Every
 * exported action of an `actions.ts` file is made with it (procedures.test.ts checks).
 */
export function defineAction<A extends Access, S extends z.ZodType, R>(spec: ProcedureSpec<A, S, R>): Action<S, R> {
  const action: Action<S, R> = async (input) => runProcedure(spec, await requestHeaders(), async () => formToObject(input));
  return markProcedure(action, { name: spec.name, access: spec.access, input: spec.input });
}

type PermissionAccess = Exclude<Access, string>;

/**
 * The common action, made by `defineAction`: a caller holding `access`'s permission runs
 * `run(tx, caller, input)` in its organisation. For the many actions whose procedure needs no
 * more than those three; one that does writes its spec out with `defineAction`.
 */
export function permittedAction<S extends z.ZodType, R>(
  name: string,
  access: PermissionAccess,
  input: S,
  run: (tx: Database, caller: OrganisationCaller, input: z.output<S>) => Promise<R>,
): Action<S, R> {
  return defineAction({
    name,
    access,
    input,
    run: (args: { tx: Database; caller: OrganisationCaller; input: z.output<S> }) => run(args.tx, args.caller, args.input),
  });
}

/** A form's fields as an object (React's own `$ACTION_…` fields left out); no action takes files. */
function formToObject(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, string> = {};
  for (const [key, value] of input.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value !== 'string') throw new ActionError('invalid_input', 'Gantry takes no files here; send the form’s text fields only.');
    fields[key] = value;
  }
  return fields;
}

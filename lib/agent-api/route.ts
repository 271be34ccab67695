import 'server-only';

import { sql } from 'drizzle-orm';
import type { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import { markProcedure, runProcedure, type ProcedureSpec } from '../procedure/procedure';
import type { RouteHandler } from '../procedure/route';
import { consumeTokenRequest } from '../organisations/token-limits';
import type { Database } from '../db/connection';
import { readBodyUpTo } from '../validation/body';
import { idempotencyKeyOf, requestHashOf, storeIdempotentResponse, takeIdempotencyKey, type StoredResponse } from './idempotency';
import { payloadTooLarge, readLimitedBody } from './limits';
import { answerInOneCall, inputOf, isPlainAnswer, jsonAnswer, type PreRead } from './one-call';
import type { AgentOperation } from './operation';
import { AgentProblem, problemResponse, toProblem, toResponse } from './problem';

type RouteContext = Parameters<RouteHandler>[1];

/**
 * The REST route of an agent operation (`app/api/v1/**`): the same wrapper as every other route
 * (authenticate, authorise, parse with the operation's zod input, run in the caller's
 * organisation), plus what the agent API promises on top:
 * - a token's requests count against its rate limit (429 with Retry-After), and a body larger
 *   than the limit is refused unread (413);
 * - a POST with an Idempotency-Key runs once: a retry with the same key and body gets the stored
 *   status and body; the same key with another body is refused (422);
 * - every POST that succeeds writes an audit row naming its actor, in the same transaction;
 * - a success answers `{ data }` with the operation's status; a refusal answers an RFC 9457
 *   problem (`application/problem+json`: type, title, status, detail, code).
 *
 * An operation with a `oneCall` (the heartbeat) is answered, for a bearer token, by that single
 * database call once its input has passed the schema: the call authenticates the token and checks
 * its role (the roles the permission allows, from the same table), then does the work. Whatever it
 * does not answer itself (a refused or over-limit token, input the schema refuses, a body too
 * large, an unexpected error, after which the statement has changed nothing) goes the ordinary way
 * below, which authenticates first and says why; so an anonymous caller still learns nothing
 * about an input's shape, and every answer is the one the ordinary path gives.
 */
export function defineV1Route<I extends z.ZodType, O extends z.ZodType>(operation: AgentOperation<I, O>): RouteHandler {
  const handler: RouteHandler = async (request, context) => {
    let preread: PreRead;
    if (operation.oneCall) {
      const quick = await answerInOneCall(operation, {
        method: request.method,
        header: (name) => request.headers.get(name),
        params: ((await context?.params) ?? {}) as Record<string, unknown>,
        body: (limit) => readBodyUpTo(request, limit),
      });
      if (isPlainAnswer(quick)) return toResponse(quick);
      preread = quick;
    }
    let problem: AgentProblem | undefined;
    let raw: Record<string, unknown> = {};
    let key: string | null = null;
    let replayed: StoredResponse | undefined;
    /** The body text stored under the idempotency key, sent as stored. */
    let answered: string | undefined;
    const note = (error: unknown) => {
      if (error instanceof AgentProblem) problem = error;
      return error;
    };
    const status = operation.successStatus ?? 200;

    const spec: ProcedureSpec<AgentOperation['access'], I, z.output<O> | undefined> = {
      name: operation.id,
      access: operation.access,
      input: operation.input,
      run: async ({ tx, caller, input }: { tx: Database; caller: OrganisationCaller; input: z.output<I> }) => {
        try {
          if (key) {
            const stored = await takeIdempotencyKey(tx, {
              organisationId: caller.organisationId,
              key,
              operation: operation.id,
              requestHash: requestHashOf(operation.id, raw),
              actor: actorOf(caller),
            });
            if (stored) {
              replayed = stored;
              return undefined;
            }
          }
          const output = await operation.run({ tx, caller, input });
          if (operation.method === 'POST') {
            if (!operation.ownReceipt) await auditAgentWrite(tx, caller, operation, raw, output);
            if (key) {
              answered = JSON.stringify({ data: output });
              await storeIdempotentResponse(tx, { organisationId: caller.organisationId, key, response: { status, body: answered } });
            }
          }
          return output;
        } catch (error) {
          throw note(error);
        }
      },
    } as ProcedureSpec<AgentOperation['access'], I, z.output<O> | undefined>;

    const result = await runProcedure(spec, request.headers, async () => {
      try {
        await consumeTokenRequest(request.headers.get('authorization'));
        if (request.method === 'POST') key = idempotencyKeyOf(request.headers);
        raw = await readInput(request, context, preread);
        return raw;
      } catch (error) {
        throw note(error);
      }
    });

    if (!result.ok) {
      const details = toProblem(result.error, problem);
      return problemResponse(details, problem && problem.message === result.error.message ? problem.headers : {});
    }
    if (replayed) return jsonText(replayed.body, replayed.status, { 'idempotent-replayed': 'true' });
    return jsonText(answered ?? JSON.stringify({ data: result.data }), status);
  };
  return markProcedure(handler, { name: operation.id, access: operation.access });
}

function jsonText(body: string, status: number, headers: Record<string, string> = {}): Response {
  return toResponse(jsonAnswer(body, status, headers));
}

async function readInput(request: Request, context: RouteContext, preread?: PreRead): Promise<Record<string, unknown>> {
  const params = ((await context?.params) ?? {}) as Record<string, unknown>;
  if (request.method === 'GET' || request.method === 'HEAD') {
    return { ...Object.fromEntries(new URL(request.url).searchParams), ...params };
  }
  if (preread === 'tooLarge') throw payloadTooLarge();
  const text = preread?.text ?? (await readLimitedBody(request));
  return inputOf(text, params);
}

/** Large free text (evidence content) is not copied into the audit log; its size is. */
function auditable(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => (typeof v === 'string' && v.length > 500 ? [k, `(${v.length} characters)`] : [k, v])));
}

/** One audit row per agent write, naming the actor of the transaction. */
async function auditAgentWrite(tx: Database, caller: OrganisationCaller, operation: AgentOperation, input: Record<string, unknown>, output: unknown) {
  const resource = Object.entries(input).find(([k]) => ['attemptId', 'workId', 'blockerId', 'releaseId', 'assignmentId', 'runId'].includes(k));
  const created = (output as { id?: unknown } | null)?.id;
  await tx.execute(sql`
    INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, new_value, context, instance_id)
    VALUES (${caller.organisationId}, 'agent_api', ${actorOf(caller)}, ${resource ? resource[0].replace(/Id$/, '') : operation.tag.toLowerCase()},
            ${resource ? String(resource[1]) : typeof created === 'string' ? created : null}, ${operation.id},
            ${JSON.stringify(output ?? null)}::jsonb, ${JSON.stringify({ path: operation.path, input: auditable(input) })}::jsonb, current_instance_id())`);
}

import { z } from 'zod';

import {
  BLOCK_REASON_CODES,
  blockAttempt,
  completeAttempt,
  EVIDENCE_TYPES,
  failAttempt,
  handOffAttempt,
  listAttempts,
  MAX_EVIDENCE_CONTENT_BYTES,
  recordEvidence,
} from '../attempts';
import { HEARTBEAT_STATUSES, heartbeat, heartbeatInOneCall } from '../heartbeat';
import { defineOperation, type AgentOperation } from '../operation';
import { LEASE_TTL } from '../work';
import { idParam, leaseOutput, optionalText, pageInput, text, timestamp } from './schemas';

const attemptId = idParam('attempt');
const ended = { id: z.string(), workId: z.string(), endedAt: timestamp };
const ownAttempt = 'Only the worker holding the attempt may call this (403 `not_your_attempt`); an expired lease answers 410 `lease_expired`.';

/**
 * An operation on one of the caller's own attempts: POST /api/v1/attempts/{attemptId}/`action`,
 * tagged Attempts, for the worker holding the attempt (the description says so), by default with
 * the permission to update assigned work.
 */
function ownAttemptOperation<I extends z.ZodType, O extends z.ZodType>(
  action: string,
  {
    description,
    access = { permission: 'work:update-assigned' },
    ...operation
  }: Omit<AgentOperation<I, O>, 'method' | 'path' | 'tag' | 'access'> & {
    description: string;
    access?: AgentOperation['access'];
  },
): AgentOperation<I, O> {
  return defineOperation({
    ...operation,
    method: 'POST',
    path: `/api/v1/attempts/{attemptId}/${action}`,
    description: `${description} ${ownAttempt}`,
    tag: 'Attempts',
    access,
  });
}

export const heartbeatOperation = ownAttemptOperation('heartbeat', {
  id: 'heartbeat',
  summary: 'Send a heartbeat on an attempt: renews its lease',
  description: `Renews the attempt's lease for another time-to-live and, for a builder, records the heartbeat (status, progress, message) and its last heartbeat.`,
  input: z.object({
    attemptId,
    status: z.enum(HEARTBEAT_STATUSES).default('active'),
    progress: z.number({ error: 'Give the progress as a whole percentage, 0 to 100' }).int().min(0).max(100).optional(),
    message: optionalText(1000),
  }),
  output: z.object({
    attemptId: z.string(),
    status: z.enum(HEARTBEAT_STATUSES),
    progress: z.number().int().nullable(),
    at: timestamp,
    leaseExpiresAt: timestamp,
  }),
  mcpTool: 'heartbeat',
  run: ({ tx, caller, input }) => heartbeat(tx, caller, input),
  // The heartbeat row names the builder (a member's heartbeat gets an audit row in the database).
  ownReceipt: true,
  oneCall: heartbeatInOneCall,
});

const sha256 = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, { message: 'A SHA-256 is 64 hexadecimal characters' });

export const recordEvidenceOperation = ownAttemptOperation('evidence', {
  id: 'recordEvidence',
  summary: 'Record evidence on an attempt',
  description: `Either a \`uri\` (http or https) with the \`sha256\` you state for what it points to (stored as stated; without one, Gantry records the hash of the URI itself and says \`hashOf: "uri"\`), or inline \`content\` of at most ${MAX_EVIDENCE_CONTENT_BYTES / 1024} KiB, whose SHA-256 Gantry computes. Evidence is immutable.`,
  access: { permission: 'evidence:attach' },
  input: z
    .object({
      attemptId,
      type: z.enum(EVIDENCE_TYPES, { error: `Choose a type: ${EVIDENCE_TYPES.join(', ')}` }),
      uri: z
        .string()
        .trim()
        .max(2000, { message: 'Use at most 2,000 characters' })
        .pipe(z.url({ protocol: /^https?$/, message: 'Give an http:// or https:// address' }))
        .optional(),
      sha256: sha256.optional(),
      content: z
        .string()
        .regex(/^[^\u0000]*$/, { message: 'Use no NUL characters' })
        .refine((v) => Buffer.byteLength(v, 'utf8') <= MAX_EVIDENCE_CONTENT_BYTES, {
          message: `Inline content is at most ${MAX_EVIDENCE_CONTENT_BYTES / 1024} KiB; give a URI for larger artifacts`,
        })
        .optional(),
      title: optionalText(300),
      description: optionalText(4000),
    })
    .superRefine((input, ctx) => {
      if ((input.uri === undefined) === (input.content === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['uri'], message: 'Give either a uri or content, not both' });
      }
      if (input.content !== undefined && input.sha256 !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['sha256'], message: 'Gantry computes the hash of content; state a sha256 only with a uri' });
      }
    }),
  output: z.object({
    id: z.string(),
    attemptId: z.string(),
    workId: z.string(),
    type: z.enum(EVIDENCE_TYPES),
    uri: z.string(),
    sha256: z.string(),
    hashOf: z.enum(['content', 'stated', 'uri']),
    sizeBytes: z.number().int().nullable(),
    createdAt: timestamp,
  }),
  successStatus: 201,
  mcpTool: 'record_evidence',
  run: ({ tx, caller, input }) => recordEvidence(tx, caller, input),
});

export const completeAttemptOperation = ownAttemptOperation('complete', {
  id: 'completeAttempt',
  summary: 'Complete an attempt (evidence first)',
  description: `Ends the attempt as completed and completes its work item. The database refuses (409) an attempt without evidence.`,
  input: z.object({ attemptId, notes: optionalText(4000) }),
  output: z.object({ ...ended, outcome: z.literal('completed') }),
  mcpTool: 'complete_attempt',
  run: ({ tx, caller, input }) => completeAttempt(tx, caller, input),
});

export const failAttemptOperation = ownAttemptOperation('fail', {
  id: 'failAttempt',
  summary: 'End an attempt as failed',
  description: `Ends the attempt as failed with the reason; the work is ready again.`,
  input: z.object({ attemptId, reason: text(4000).min(3, { message: 'Say why it failed (at least 3 characters)' }) }),
  output: z.object({ ...ended, outcome: z.literal('failed') }),
  mcpTool: 'fail_attempt',
  run: ({ tx, caller, input }) => failAttempt(tx, caller, input),
});

export const handOffAttemptOperation = ownAttemptOperation('hand-off', {
  id: 'handOffAttempt',
  summary: 'Hand an attempt off to another builder',
  description: `Ends the attempt as handed off and starts one of the named builder that takes over from it, with a lease of its own.`,
  input: z.object({
    attemptId,
    toBuilderId: idParam('builder to hand off to'),
    reason: text(4000).min(3, { message: 'Say why you hand it off (at least 3 characters)' }),
    ttlSeconds: z.number().int().min(LEASE_TTL.min).max(LEASE_TTL.max).optional(),
  }),
  output: z.object({
    ...ended,
    outcome: z.literal('handed_off'),
    handedOffTo: z.object({ attemptId: z.string(), workerId: z.string(), lease: leaseOutput }),
  }),
  mcpTool: 'hand_off_attempt',
  run: ({ tx, caller, input }) => handOffAttempt(tx, caller, input),
});

export const blockAttemptOperation = ownAttemptOperation('block', {
  id: 'blockAttempt',
  summary: 'Block an attempt with a classified blocker',
  description: `Raises a blocker with its reason code on the attempt, then ends the attempt as blocked; the work waits until the blocker is resolved.`,
  input: z.object({
    attemptId,
    reasonCode: z.enum(BLOCK_REASON_CODES, { error: `Choose a reason code: ${BLOCK_REASON_CODES.join(', ')}` }),
    title: text(200).min(3, { message: 'Give the blocker a title of at least 3 characters' }),
    description: optionalText(4000),
    needs: optionalText(1000),
    severity: z.enum(['blocking', 'warning']).default('blocking'),
  }),
  output: z.object({ ...ended, outcome: z.literal('blocked'), blockerId: z.string() }),
  mcpTool: 'block_attempt',
  run: ({ tx, caller, input }) => blockAttempt(tx, caller, input),
});

export const listAttemptsOperation = defineOperation({
  id: 'listAttempts',
  method: 'GET',
  path: '/api/v1/attempts',
  summary: "The caller's own attempts, newest first",
  tag: 'Attempts',
  access: { permission: 'portfolio:read' },
  input: z.object({ workId: idParam('work item').optional(), state: z.enum(['open', 'ended', 'all']).default('all'), ...pageInput }),
  output: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        workId: z.string(),
        workerId: z.string(),
        startedAt: timestamp,
        endedAt: timestamp.nullable(),
        outcome: z.string().nullable(),
        handoffFromAttemptId: z.string().nullable(),
        leaseExpiresAt: timestamp.nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
  mcpTool: 'list_attempts',
  run: ({ tx, caller, input }) => listAttempts(tx, caller, input),
});

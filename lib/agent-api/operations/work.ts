import { z } from 'zod';

import { defineOperation } from '../operation';
import { claimWork, getWorkItem, LEASE_TTL, listReadyWork } from '../work';
import { idParam, leaseOutput, pageInput, timestamp } from './schemas';

const readyWork = z.object({
  id: z.string(),
  title: z.string(),
  phase: z.string(),
  owner: z.string().nullable(),
  requiredCapabilities: z.array(z.string()),
});

export const listReadyWorkOperation = defineOperation({
  id: 'listReadyWork',
  method: 'GET',
  path: '/api/v1/work/ready',
  summary: 'The work the caller may claim now',
  description:
    'Ready work (pending, every hard dependency done), not claimed and not blocked, in roadmap order. A builder sees only the work whose every required capability it has. Cursor-paginated: pass `nextCursor` as `cursor` for the next page.',
  tag: 'Work',
  access: { permission: 'portfolio:read' },
  input: z.object(pageInput),
  output: z.object({ items: z.array(readyWork), nextCursor: z.string().nullable() }),
  mcpTool: 'list_ready_work',
  run: ({ tx, caller, input }) => listReadyWork(tx, caller, input),
});

export const getWorkItemOperation = defineOperation({
  id: 'getWorkItem',
  method: 'GET',
  path: '/api/v1/work/{workId}',
  summary: 'A work item, with its open attempt and blockers',
  tag: 'Work',
  access: { permission: 'portfolio:read' },
  input: z.object({ workId: idParam('work item') }),
  output: z.object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    type: z.string(),
    phase: z.string(),
    status: z.string(),
    owner: z.string().nullable(),
    requiredCapabilities: z.array(z.string()),
    claimable: z.boolean(),
    activeAttempt: z.object({ id: z.string(), workerId: z.string(), startedAt: timestamp, leaseExpiresAt: timestamp.nullable() }).nullable(),
    openBlockers: z.array(
      z.object({
        id: z.string(),
        title: z.string().nullable(),
        reasonCode: z.string().nullable(),
        classification: z.string().nullable(),
        severity: z.string(),
      }),
    ),
  }),
  mcpTool: 'get_work_item',
  run: ({ tx, caller, input }) => getWorkItem(tx, caller, input.workId),
});

export const claimWorkOperation = defineOperation({
  id: 'claimWork',
  method: 'POST',
  path: '/api/v1/work/{workId}/claim',
  summary: 'Claim a work item: an attempt and a lease',
  description: `Starts an attempt of the caller on the item, with an exclusive lease that lapses unless a heartbeat renews it within \`ttlSeconds\` (${LEASE_TTL.min}–${LEASE_TTL.max}, default ${LEASE_TTL.default}). 409 with the database's reason when the item is already claimed (\`already_claimed\`), blocked (\`work_blocked\`) or otherwise not claimable (\`not_claimable\`).`,
  tag: 'Work',
  access: { permission: 'work:update-assigned' },
  input: z.object({
    workId: idParam('work item'),
    ttlSeconds: z
      .number({ error: `Give the lease's time-to-live in seconds, ${LEASE_TTL.min} to ${LEASE_TTL.max}` })
      .int()
      .min(LEASE_TTL.min)
      .max(LEASE_TTL.max)
      .default(LEASE_TTL.default),
    role: z.enum(['implementer', 'reviewer']).optional(),
  }),
  output: z.object({ id: z.string(), workId: z.string(), workerId: z.string(), startedAt: timestamp, lease: leaseOutput }),
  successStatus: 201,
  mcpTool: 'claim_work',
  run: ({ tx, caller, input }) => claimWork(tx, caller, input),
});

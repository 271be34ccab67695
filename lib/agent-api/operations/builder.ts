import { z } from 'zod';

import { getWorkerSelf } from '../builder';
import { defineOperation } from '../operation';
import { timestamp } from './schemas';

export const getBuilderOperation = defineOperation({
  id: 'getBuilder',
  method: 'GET',
  path: '/api/v1/builder',
  summary: 'Who the token works as',
  description:
    'For a builder token: its builder (state, last heartbeat, capabilities). For a member: themselves, with their role. Both with the number of attempts they hold open.',
  tag: 'Builder',
  access: { permission: 'portfolio:read' },
  input: z.object({}),
  output: z.object({
    workerId: z.string(),
    workerType: z.enum(['agent', 'human']),
    role: z.string(),
    openAttempts: z.number().int(),
    builder: z
      .object({ builderId: z.string(), type: z.string(), backend: z.string(), state: z.string(), lastHeartbeat: timestamp, capabilities: z.array(z.string()) })
      .nullable(),
    organisation: z.object({ slug: z.string(), name: z.string() }),
  }),
  mcpTool: 'get_builder',
  run: ({ tx, caller }) => getWorkerSelf(tx, caller),
});

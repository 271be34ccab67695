import type { OrganisationCaller } from '../auth/identity';

/** Who does the work: a builder agent (its token) or a member acting through the API (session or personal token). */
export interface Worker {
  /** As attempts.worker_id and leases.worker_id name it: `agent:<builderId>` or `user:<userId>`. */
  workerId: string;
  workerType: 'agent' | 'human';
  /** The builder a token acts as; null for a member. */
  builderId: string | null;
}

export function workerOf(caller: OrganisationCaller): Worker {
  return caller.kind === 'token' && caller.builderId !== null
    ? { workerId: `agent:${caller.builderId}`, workerType: 'agent', builderId: caller.builderId }
    : { workerId: `user:${caller.userId}`, workerType: 'human', builderId: null };
}

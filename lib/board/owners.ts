import 'server-only';

import { and, asc, eq, isNull } from 'drizzle-orm';

import type { MemberCaller, TokenCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { builders, memberships, users } from '../db/schema';
import type { BoardKind } from './kinds';

/**
 * Owners of work items by stable id (docs/schema-map.md, "Owners of work items"): a member is
 * `user:<userId>`, a builder agent `agent:<builderId>` (a task's assigned_builder is the bare
 * builder id, a foreign key to builders). A display name or an email is never an owner value a
 * caller is matched by; free text such as the demo's 'ben' stays readable but matches nobody.
 */
export function ownerIdsOf(caller: Pick<MemberCaller, 'kind' | 'userId'> | Pick<TokenCaller, 'kind' | 'builderId' | 'userId'>): string[] {
  // A member's personal token acts as the member.
  return caller.kind === 'token' && caller.builderId !== null ? [caller.builderId, `agent:${caller.builderId}`] : [`user:${caller.userId}`];
}

export interface OwnerOption {
  value: string;
  label: string;
}

/** Whom an item of this kind can be assigned to: the organisation's members and builders (tasks: builders only). */
export async function getOwnerOptions(tx: Database, { organisationId, kind }: { organisationId: string; kind: BoardKind }): Promise<OwnerOption[]> {
  if (kind === 'card') return [];
  const agents = await tx
    .select({ id: builders.builderId })
    .from(builders)
    .where(and(eq(builders.organisationId, organisationId), isNull(builders.deletedAt)))
    .orderBy(asc(builders.builderId));
  const builderOptions = agents.map((a) => ({ value: kind === 'task' ? a.id : `agent:${a.id}`, label: `${a.id} (builder)` }));
  if (kind === 'task') return builderOptions;
  const members = await tx
    .select({ id: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), isNull(memberships.deletedAt)))
    .orderBy(asc(users.name), asc(users.id));
  return [...members.map((m) => ({ value: `user:${m.id}`, label: m.name })), ...builderOptions];
}

/**
 * Checks an owner being written: nobody, the value it already has (free text kept as it was),
 * or one of the options. Anything else is refused, so that no owner names a person by a name.
 */
export async function assertOwnerValue(
  tx: Database,
  { organisationId, kind, value, current }: { organisationId: string; kind: BoardKind; value: string | null; current: string | null },
) {
  if (value === null || value === current) return;
  const options = await getOwnerOptions(tx, { organisationId, kind });
  if (!options.some((o) => o.value === value)) {
    throw new ActionError('invalid_input', 'Choose a member or a builder of this organisation as the owner.', { owner: 'Not a member or builder here' });
  }
}

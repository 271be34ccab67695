import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { systemPolicyProfiles } from '../db/schema';
import { runCheckTypes } from '../db/schema/planning-values';
import { ActionError } from '../procedure/result';
import { pathList } from './paths';
import { planningRefusal } from './refusals';
import { findProject } from './runs';
import { logEvent } from './run-actions';

/*
 * A project's build policy (system_policy_profile): the checks every run must pass before its
 * pull request is approved, and the paths agents may not touch. One live profile per project;
 * a run keeps a snapshot of it, so editing it changes only later runs.
 */

export const savePolicyInput = z.object({
  projectId: z.uuid({ message: 'Choose a project' }),
  requiredChecks: z
    .union([z.enum(runCheckTypes), z.array(z.enum(runCheckTypes))], { message: `Choose from ${runCheckTypes.join(', ')}` })
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])]),
  protectedPaths: pathList,
  forbiddenPaths: pathList,
});

export async function getPolicy(member: OrganisationCaller, { projectId }: { projectId: string }) {
  return withOrganisation(member.organisationId, async (tx) => {
    const project = await findProject(tx, projectId);
    if (!project) return null;
    return { project, policy: await livePolicy(tx, projectId) };
  });
}

async function livePolicy(tx: Database, projectId: string) {
  const [policy] = await tx
    .select({
      id: systemPolicyProfiles.id,
      requiredChecks: systemPolicyProfiles.requiredChecks,
      protectedPaths: systemPolicyProfiles.protectedPaths,
      forbiddenPaths: systemPolicyProfiles.forbiddenPaths,
      updatedAt: systemPolicyProfiles.updatedAt,
    })
    .from(systemPolicyProfiles)
    .where(and(eq(systemPolicyProfiles.projectId, projectId), isNull(systemPolicyProfiles.deletedAt)));
  return policy ?? null;
}

/** Writes the project's live policy (creating it the first time); later runs snapshot it. */
export async function savePolicy(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof savePolicyInput> }) {
  const project = await findProject(tx, input.projectId);
  if (!project) throw new ActionError('not_found', 'There is no such project in this organisation.');
  if (input.requiredChecks.length === 0) {
    throw new ActionError('invalid_input', 'Choose at least one required check: a run cannot start without one.', { requiredChecks: 'Choose at least one' });
  }
  const values = { requiredChecks: input.requiredChecks, protectedPaths: input.protectedPaths, forbiddenPaths: input.forbiddenPaths };
  try {
    const existing = await livePolicy(tx, project.id);
    const id = existing?.id ?? crypto.randomUUID();
    if (existing) await tx.update(systemPolicyProfiles).set(values).where(eq(systemPolicyProfiles.id, existing.id));
    else await tx.insert(systemPolicyProfiles).values({ organisationId: caller.organisationId, id, projectId: project.id, ...values });
    await logEvent(tx, {
      organisationId: caller.organisationId,
      projectId: project.id,
      runId: null,
      eventType: 'policy_updated',
      actor: actorOf(caller),
      payload: values,
    });
    return { id, ...values };
  } catch (error) {
    return planningRefusal(error);
  }
}

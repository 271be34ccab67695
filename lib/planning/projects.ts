import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { cards, projects, workflows } from '../db/schema';
import { ActionError } from '../procedure/result';
import { applyPlanningActions } from './planning-actions';

/**
 * Projects of the planning area: list, create, edit and delete (a soft delete). Creating a
 * project and every later edit are recorded as its first and later planning actions.
 */
const projectFields = {
  name: z.string().trim().min(1, { message: 'Give the project a name.' }).max(200, { message: 'At most 200 characters.' }),
  repoUrl: z
    .string()
    .trim()
    .max(500, { message: 'At most 500 characters.' })
    .refine((v) => v === '' || /^(https?:\/\/|git@|ssh:\/\/)\S+$/.test(v), { message: 'Give a repository address (https://…, ssh://… or git@…).' }),
  defaultBranch: z.string().trim().min(1, { message: 'Name the default branch.' }).max(200, { message: 'At most 200 characters.' }),
  description: z.string().trim().max(10_000, { message: 'At most 10,000 characters.' }),
};

export const createProjectInput = z.object({
  name: projectFields.name,
  repoUrl: projectFields.repoUrl.optional().default(''),
  defaultBranch: projectFields.defaultBranch.optional().default('main'),
  description: projectFields.description.optional().default(''),
});
export const updateProjectInput = createProjectInput.extend({ id: z.uuid({ message: 'Which project?' }) });
export const projectIdInput = z.object({ id: z.uuid({ message: 'Which project?' }) });

export interface ProjectSummary {
  id: string;
  name: string;
  description: string | null;
  repoUrl: string | null;
  defaultBranch: string;
  workflows: number;
  cards: number;
  finalizedCards: number;
  updatedAt: string;
}

/** The organisation's live projects, last changed first, with how big their story map is. */
export async function listProjects(tx: Database, organisationId: string): Promise<ProjectSummary[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT p.id, p.name, p.description, p.repo_url, p.default_branch, p.updated_at,
                                (SELECT count(*)::int FROM ${workflows} w WHERE w.organisation_id = p.organisation_id AND w.project_id = p.id AND w.deleted_at IS NULL) AS workflows,
                                (SELECT count(*)::int FROM ${cards} c WHERE c.organisation_id = p.organisation_id AND c.project_id = p.id AND c.deleted_at IS NULL) AS cards,
                                (SELECT count(*)::int FROM ${cards} c WHERE c.organisation_id = p.organisation_id AND c.project_id = p.id AND c.deleted_at IS NULL
                                   AND c.finalized_at IS NOT NULL) AS finalized
                         FROM ${projects} p WHERE p.organisation_id = ${organisationId} AND p.deleted_at IS NULL
                         ORDER BY p.updated_at DESC, p.name`),
  );
  return rows.map(toSummary);
}

export async function getProject(tx: Database, organisationId: string, id: string): Promise<ProjectSummary | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT id, name, description, repo_url, default_branch, updated_at, 0 AS workflows, 0 AS cards, 0 AS finalized
                         FROM ${projects} WHERE organisation_id = ${organisationId} AND id = ${id} AND deleted_at IS NULL`),
  );
  return rows[0] ? toSummary(rows[0]) : null;
}

function toSummary(r: Record<string, unknown>): ProjectSummary {
  return {
    id: String(r.id),
    name: String(r.name),
    description: (r.description as string | null) ?? null,
    repoUrl: (r.repo_url as string | null) ?? null,
    defaultBranch: String(r.default_branch),
    workflows: Number(r.workflows),
    cards: Number(r.cards),
    finalizedCards: Number(r.finalized),
    updatedAt: new Date(r.updated_at as string).toISOString(),
  };
}

export async function createProject(tx: Database, caller: OrganisationCaller, input: z.output<typeof createProjectInput>): Promise<{ id: string }> {
  const [row] = await tx
    .transaction(async (sp) =>
      sp
        .insert(projects)
        .values({ organisationId: caller.organisationId, name: input.name, defaultBranch: input.defaultBranch })
        .returning({ id: projects.id }),
    )
    .catch((error: unknown) => {
      throw nameTaken(error, input.name);
    });
  await recordOrRefuse(tx, caller, row!.id, {
    type: 'updateProject',
    name: input.name,
    repoUrl: input.repoUrl,
    defaultBranch: input.defaultBranch,
    description: input.description,
  });
  return { id: row!.id };
}

export async function updateProject(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateProjectInput>): Promise<{ id: string }> {
  const { id, ...fields } = input;
  await recordOrRefuse(tx, caller, id, { type: 'updateProject', ...fields });
  return { id };
}

export async function deleteProject(tx: Database, caller: OrganisationCaller, { id }: z.output<typeof projectIdInput>): Promise<{ id: string }> {
  await recordOrRefuse(tx, caller, id, { type: 'updateProject', deleted: true });
  return { id };
}

/** Applies one project action; its refusal (logged) is the caller's error. */
async function recordOrRefuse(tx: Database, caller: OrganisationCaller, projectId: string, action: { type: 'updateProject' } & Record<string, unknown>) {
  const outcome = await applyPlanningActions(tx, caller, { projectId, actions: [action] });
  if (outcome.rejected) {
    const reason = outcome.rejected.reason ?? 'The change was refused.';
    throw new ActionError(
      'conflict',
      /project_name_live_key/.test(reason) ? `There is already a project named “${String(action.name)}”; choose another name.` : reason,
    );
  }
}

function nameTaken(error: unknown, name: string): unknown {
  const pg = pgErrorOf(error);
  if (pg.code === '23505' && /project_name_live_key/.test(pg.message)) {
    return new ActionError('conflict', `There is already a project named “${name}”; choose another name.`, { name: 'This name is taken.' });
  }
  return error;
}

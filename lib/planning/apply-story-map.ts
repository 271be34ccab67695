import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { cards, projects, workflowActivities, workflows } from '../db/schema';
import { ActionError } from '../procedure/result';
import type { PlanningAction } from './action-types';

export interface ProjectScope {
  organisationId: string;
  projectId: string;
}

type StoryMapAction = Exclude<PlanningAction, { type: 'createContextArtifact' | 'linkContextArtifact' | 'upsertCardKnowledgeItem' | 'upsertCardPlannedFile' }>;

/**
 * The story-map actions: the project's own fields, and workflows, activities and cards with their
 * order. Each answers the ids it changed or made. Runs inside the pipeline's savepoint
 * (planning-actions.ts); a refusal is an ActionError in words, or the database's own.
 */
export async function applyStoryMapAction(tx: Database, scope: ProjectScope, action: StoryMapAction): Promise<Record<string, unknown>> {
  const { organisationId: org, projectId } = scope;
  switch (action.type) {
    case 'updateProject': {
      const set: SQL[] = [];
      if (action.name !== undefined) set.push(sql`name = ${action.name}`);
      if (action.description !== undefined) set.push(sql`description = ${action.description || null}`);
      if (action.repoUrl !== undefined) set.push(sql`repo_url = ${action.repoUrl || null}`);
      if (action.defaultBranch !== undefined) set.push(sql`default_branch = ${action.defaultBranch}`);
      if (action.deleted) set.push(sql`deleted_at = now()`);
      if (set.length) await tx.execute(sql`UPDATE ${projects} SET ${sql.join(set, sql`, `)} WHERE organisation_id = ${org} AND id = ${projectId}`);
      return { projectId };
    }
    case 'createWorkflow': {
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO ${workflows} (organisation_id, project_id, title, description, position)
                             VALUES (${org}, ${projectId}, ${action.title}, ${action.description || null}, ${await nextPosition(tx, 'workflow', sql`project_id = ${projectId}`, org)})
                             RETURNING id`),
      );
      if (action.position !== undefined) await place(tx, 'workflow', sql`project_id = ${projectId}`, org, row!.id, action.position);
      return { workflowId: row!.id };
    }
    case 'updateWorkflow': {
      await liveRow(tx, 'workflow', scope, action.workflowId);
      const set: SQL[] = [];
      if (action.title !== undefined) set.push(sql`title = ${action.title}`);
      if (action.description !== undefined) set.push(sql`description = ${action.description || null}`);
      if (set.length) await tx.execute(sql`UPDATE ${workflows} SET ${sql.join(set, sql`, `)} WHERE organisation_id = ${org} AND id = ${action.workflowId}`);
      if (action.position !== undefined) await place(tx, 'workflow', sql`project_id = ${projectId}`, org, action.workflowId, action.position);
      return { workflowId: action.workflowId };
    }
    case 'deleteWorkflow': {
      await liveRow(tx, 'workflow', scope, action.workflowId);
      // Its activities and their cards go with it (soft deletes, as the rest of the plan).
      await tx.execute(sql`UPDATE ${cards} SET deleted_at = now() WHERE organisation_id = ${org} AND deleted_at IS NULL
                           AND workflow_activity_id IN (SELECT id FROM ${workflowActivities} WHERE organisation_id = ${org} AND workflow_id = ${action.workflowId})`);
      await tx.execute(sql`UPDATE ${workflowActivities} SET deleted_at = now()
                           WHERE organisation_id = ${org} AND workflow_id = ${action.workflowId} AND deleted_at IS NULL`);
      await tx.execute(sql`UPDATE ${workflows} SET deleted_at = now() WHERE organisation_id = ${org} AND id = ${action.workflowId}`);
      return { workflowId: action.workflowId };
    }
    case 'createActivity': {
      await liveRow(tx, 'workflow', scope, action.workflowId);
      const within = sql`workflow_id = ${action.workflowId}`;
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO ${workflowActivities} (organisation_id, project_id, workflow_id, title, color, position)
                             VALUES (${org}, ${projectId}, ${action.workflowId}, ${action.title}, ${action.color ?? null},
                                     ${await nextPosition(tx, 'workflow_activity', within, org)})
                             RETURNING id`),
      );
      if (action.position !== undefined) await place(tx, 'workflow_activity', within, org, row!.id, action.position);
      return { workflowId: action.workflowId, activityId: row!.id };
    }
    case 'updateActivity': {
      const activity = await liveRow(tx, 'workflow_activity', scope, action.activityId);
      const set: SQL[] = [];
      if (action.title !== undefined) set.push(sql`title = ${action.title}`);
      if (action.color !== undefined) set.push(sql`color = ${action.color}`);
      if (set.length)
        await tx.execute(sql`UPDATE ${workflowActivities} SET ${sql.join(set, sql`, `)} WHERE organisation_id = ${org} AND id = ${action.activityId}`);
      if (action.position !== undefined) {
        await place(tx, 'workflow_activity', sql`workflow_id = ${activity.workflow_id}`, org, action.activityId, action.position);
      }
      return { activityId: action.activityId };
    }
    case 'deleteActivity': {
      await liveRow(tx, 'workflow_activity', scope, action.activityId);
      await tx.execute(sql`UPDATE ${cards} SET deleted_at = now()
                           WHERE organisation_id = ${org} AND workflow_activity_id = ${action.activityId} AND deleted_at IS NULL`);
      await tx.execute(sql`UPDATE ${workflowActivities} SET deleted_at = now() WHERE organisation_id = ${org} AND id = ${action.activityId}`);
      return { activityId: action.activityId };
    }
    case 'createCard': {
      await liveRow(tx, 'workflow_activity', scope, action.activityId);
      const status = action.status ?? 'todo';
      const within = sql`workflow_activity_id = ${action.activityId}`;
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO ${cards} (organisation_id, project_id, workflow_activity_id, title, description, status, priority, position, rank)
                             VALUES (${org}, ${projectId}, ${action.activityId}, ${action.title}, ${action.description || null}, ${status},
                                     ${action.priority ?? 0}, ${await nextPosition(tx, 'card', within, org)}, ${await nextRank(tx, org, status)})
                             RETURNING id`),
      );
      if (action.position !== undefined) await place(tx, 'card', within, org, row!.id, action.position);
      return { activityId: action.activityId, cardId: row!.id };
    }
    case 'updateCard': {
      const card = await liveRow(tx, 'card', scope, action.cardId);
      const set: SQL[] = [];
      if (action.title !== undefined) set.push(sql`title = ${action.title}`);
      if (action.description !== undefined) set.push(sql`description = ${action.description || null}`);
      if (action.priority !== undefined) set.push(sql`priority = ${action.priority}`);
      if (action.status !== undefined && action.status !== card.status) {
        // The board orders each status column by rank, unique among live cards: the card goes last in its new column.
        set.push(sql`status = ${action.status}`, sql`rank = ${await nextRank(tx, org, action.status)}`);
      }
      if (action.finalized === true && card.finalized_at === null) set.push(sql`finalized_at = now()`);
      if (action.finalized === false) set.push(sql`finalized_at = NULL`);
      if (set.length) await tx.execute(sql`UPDATE ${cards} SET ${sql.join(set, sql`, `)} WHERE organisation_id = ${org} AND id = ${action.cardId}`);
      return { cardId: action.cardId };
    }
    case 'reorderCard': {
      const card = await liveRow(tx, 'card', scope, action.cardId);
      await liveRow(tx, 'workflow_activity', scope, action.activityId);
      if (card.workflow_activity_id !== action.activityId) {
        await tx.execute(sql`UPDATE ${cards} SET workflow_activity_id = ${action.activityId},
                                    position = ${await nextPosition(tx, 'card', sql`workflow_activity_id = ${action.activityId}`, org)}
                             WHERE organisation_id = ${org} AND id = ${action.cardId}`);
        await place(tx, 'card', sql`workflow_activity_id = ${card.workflow_activity_id}`, org, null, 0);
      }
      await place(tx, 'card', sql`workflow_activity_id = ${action.activityId}`, org, action.cardId, action.position);
      return { cardId: action.cardId, activityId: action.activityId, fromActivityId: card.workflow_activity_id };
    }
    case 'deleteCard': {
      await liveRow(tx, 'card', scope, action.cardId);
      await tx.execute(sql`UPDATE ${cards} SET deleted_at = now() WHERE organisation_id = ${org} AND id = ${action.cardId}`);
      return { cardId: action.cardId };
    }
  }
}

type MapTable = 'workflow' | 'workflow_activity' | 'card';
const TABLES: Record<MapTable, { table: SQL; noun: string }> = {
  workflow: { table: sql`${workflows}`, noun: 'workflow' },
  workflow_activity: { table: sql`${workflowActivities}`, noun: 'activity' },
  card: { table: sql`${cards}`, noun: 'card' },
};

interface LiveRow {
  id: string;
  workflow_id?: string;
  workflow_activity_id?: string;
  status?: string;
  finalized_at?: string | null;
}

/** A live row of this project, locked; a row of another project (or none) is refused in words. */
export async function liveRow(tx: Database, table: MapTable, scope: ProjectScope, id: string): Promise<LiveRow> {
  const { table: t, noun } = TABLES[table];
  const [row] = rowsOf<LiveRow>(
    await tx.execute(sql`SELECT * FROM ${t} WHERE organisation_id = ${scope.organisationId} AND project_id = ${scope.projectId}
                         AND id = ${id} AND deleted_at IS NULL FOR UPDATE`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${noun} ${id} in this project (it may have been deleted, or belong to another project).`);
  return row;
}

async function nextPosition(tx: Database, table: MapTable, within: SQL, org: string): Promise<number> {
  const [row] = rowsOf<{ next: number }>(
    await tx.execute(sql`SELECT coalesce(max(position) + 1, 0)::int AS next FROM ${TABLES[table].table}
                         WHERE organisation_id = ${org} AND ${within} AND deleted_at IS NULL`),
  );
  return Number(row?.next ?? 0);
}

/** Last in the board's column of that status (rank is unique among live cards of a status). */
async function nextRank(tx: Database, org: string, status: string): Promise<number> {
  const [row] = rowsOf<{ next: number }>(
    await tx.execute(sql`SELECT coalesce(max(rank), 0) + 1 AS next FROM ${cards} WHERE organisation_id = ${org} AND status = ${status} AND deleted_at IS NULL`),
  );
  return Number(row?.next ?? 1);
}

/**
 * Puts `id` at `position` among the live rows `within` (clamped to the end) and numbers them
 * 0, 1, 2 … in that order; with `id` null it only closes the gaps.
 */
async function place(tx: Database, table: MapTable, within: SQL, org: string, id: string | null, position: number): Promise<void> {
  const t = TABLES[table].table;
  const siblings = rowsOf<{ id: string; position: number }>(
    await tx.execute(sql`SELECT id, position FROM ${t} WHERE organisation_id = ${org} AND ${within} AND deleted_at IS NULL
                         ORDER BY position, created_at, id FOR UPDATE`),
  );
  const order = siblings.filter((s) => s.id !== id);
  if (id !== null) order.splice(Math.min(position, order.length), 0, { id, position: -1 });
  for (const [index, sibling] of order.entries()) {
    const before = siblings.find((s) => s.id === sibling.id)?.position;
    if (before !== index) await tx.execute(sql`UPDATE ${t} SET position = ${index} WHERE organisation_id = ${org} AND id = ${sibling.id}`);
  }
}

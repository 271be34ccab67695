import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { cardPlannedFiles, cardRequirements, cards, workflowActivities, workflows } from '../db/schema';
import type { StoryMap } from './story-map-types';

/**
 * A project's story map as the page shows it: its live workflows in order, each with its live
 * activities in order, each with its live cards in order (and what a card still lacks to build).
 */
export async function getStoryMap(tx: Database, organisationId: string, projectId: string): Promise<StoryMap> {
  const flows = rowsOf<{ id: string; title: string; description: string | null }>(
    await tx.execute(sql`SELECT id, title, description FROM ${workflows}
                         WHERE organisation_id = ${organisationId} AND project_id = ${projectId} AND deleted_at IS NULL ORDER BY position, created_at, id`),
  );
  const activities = rowsOf<{ id: string; workflow_id: string; title: string; color: string | null }>(
    await tx.execute(sql`SELECT id, workflow_id, title, color FROM ${workflowActivities}
                         WHERE organisation_id = ${organisationId} AND project_id = ${projectId} AND deleted_at IS NULL ORDER BY position, created_at, id`),
  );
  const cardRows = rowsOf<{
    id: string;
    workflow_activity_id: string;
    title: string;
    status: string;
    priority: number;
    finalized: boolean;
    requirements: number;
    approved_files: number;
  }>(
    await tx.execute(sql`SELECT c.id, c.workflow_activity_id, c.title, c.status, c.priority, c.finalized_at IS NOT NULL AS finalized,
                                (SELECT count(*)::int FROM ${cardRequirements} r WHERE r.organisation_id = c.organisation_id AND r.card_id = c.id AND r.deleted_at IS NULL) AS requirements,
                                (SELECT count(*)::int FROM ${cardPlannedFiles} f WHERE f.organisation_id = c.organisation_id AND f.card_id = c.id
                                   AND f.deleted_at IS NULL AND f.status = 'approved') AS approved_files
                         FROM ${cards} c
                         WHERE c.organisation_id = ${organisationId} AND c.project_id = ${projectId} AND c.deleted_at IS NULL
                         ORDER BY c.position, c.created_at, c.id`),
  );
  return {
    projectId,
    workflows: flows.map((w) => ({
      id: w.id,
      title: w.title,
      description: w.description,
      activities: activities
        .filter((a) => a.workflow_id === w.id)
        .map((a) => ({
          id: a.id,
          title: a.title,
          color: a.color,
          cards: cardRows
            .filter((c) => c.workflow_activity_id === a.id)
            .map((c) => ({
              id: c.id,
              title: c.title,
              status: c.status,
              priority: Number(c.priority),
              finalized: Boolean(c.finalized),
              requirements: Number(c.requirements),
              approvedFiles: Number(c.approved_files),
            })),
        })),
    })),
  };
}

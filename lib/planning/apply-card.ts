import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { cardAssumptions, cardContextArtifacts, cardKnownFacts, cardPlannedFiles, cardQuestions, cardRequirements, contextArtifacts } from '../db/schema';
import { ActionError } from '../procedure/result';
import type { KnowledgeKind, PlanningAction } from './action-types';
import { liveRow, type ProjectScope } from './apply-story-map';

type CardAction = Extract<PlanningAction, { type: 'createContextArtifact' | 'linkContextArtifact' | 'upsertCardKnowledgeItem' | 'upsertCardPlannedFile' }>;

export const KNOWLEDGE_TABLES: Record<KnowledgeKind, { table: SQL; noun: string }> = {
  requirement: { table: sql`${cardRequirements}`, noun: 'requirement' },
  fact: { table: sql`${cardKnownFacts}`, noun: 'known fact' },
  assumption: { table: sql`${cardAssumptions}`, noun: 'assumption' },
  question: { table: sql`${cardQuestions}`, noun: 'question' },
};

/**
 * What a card knows and plans: knowledge items, planned files and context artifacts. Every
 * target is checked to be a live row of the card, and the card a live card of this project.
 */
export async function applyCardAction(tx: Database, scope: ProjectScope, action: CardAction): Promise<Record<string, unknown>> {
  const org = scope.organisationId;
  switch (action.type) {
    case 'upsertCardKnowledgeItem': {
      await liveRow(tx, 'card', scope, action.cardId);
      const { table, noun } = KNOWLEDGE_TABLES[action.kind];
      if (!action.itemId) {
        if (!action.text) throw new ActionError('invalid_input', `Write the ${noun}’s text.`);
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(sql`INSERT INTO ${table} (organisation_id, card_id, text, status, source, position)
                               VALUES (${org}, ${action.cardId}, ${action.text}, ${action.status ?? 'draft'}, ${action.source ?? 'user'},
                                       (SELECT count(*)::int FROM ${table} WHERE organisation_id = ${org} AND card_id = ${action.cardId} AND deleted_at IS NULL))
                               RETURNING id`),
        );
        return { cardId: action.cardId, itemId: row!.id, kind: action.kind };
      }
      const set: SQL[] = [];
      if (action.text !== undefined) set.push(sql`text = ${action.text}`);
      if (action.status !== undefined) set.push(sql`status = ${action.status}`);
      if (action.source !== undefined) set.push(sql`source = ${action.source}`);
      if (action.deleted) set.push(sql`deleted_at = now()`);
      await updateChild(tx, table, noun, org, action.cardId, action.itemId, set);
      return { cardId: action.cardId, itemId: action.itemId, kind: action.kind };
    }
    case 'upsertCardPlannedFile': {
      await liveRow(tx, 'card', scope, action.cardId);
      const table = sql`${cardPlannedFiles}`;
      if (!action.fileId) {
        if (!action.logicalFileName || !action.artifactKind || !action.action || !action.intentSummary) {
          throw new ActionError('invalid_input', 'A planned file needs a file name, a kind, an action (create or edit) and what it is for.');
        }
        const [row] = rowsOf<{ id: string }>(
          await tx.execute(sql`INSERT INTO ${table} (organisation_id, card_id, logical_file_name, artifact_kind, action, intent_summary, status, position)
                               VALUES (${org}, ${action.cardId}, ${action.logicalFileName}, ${action.artifactKind}, ${action.action},
                                       ${action.intentSummary}, ${action.status ?? 'proposed'},
                                       (SELECT count(*)::int FROM ${table} WHERE organisation_id = ${org} AND card_id = ${action.cardId} AND deleted_at IS NULL))
                               RETURNING id`),
        );
        return { cardId: action.cardId, fileId: row!.id };
      }
      const set: SQL[] = [];
      if (action.logicalFileName !== undefined) set.push(sql`logical_file_name = ${action.logicalFileName}`);
      if (action.artifactKind !== undefined) set.push(sql`artifact_kind = ${action.artifactKind}`);
      if (action.action !== undefined) set.push(sql`action = ${action.action}`);
      if (action.intentSummary !== undefined) set.push(sql`intent_summary = ${action.intentSummary}`);
      if (action.status !== undefined) set.push(sql`status = ${action.status}`);
      if (action.deleted) set.push(sql`deleted_at = now()`);
      await updateChild(tx, table, 'planned file', org, action.cardId, action.fileId, set);
      return { cardId: action.cardId, fileId: action.fileId };
    }
    case 'createContextArtifact': {
      if (action.cardId) await liveRow(tx, 'card', scope, action.cardId);
      if (!action.content && !action.uri && !action.integrationRef) {
        throw new ActionError('invalid_input', 'A context artifact needs its content, a URI or an integration reference.');
      }
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`INSERT INTO ${contextArtifacts} (organisation_id, project_id, name, type, title, content, uri, integration_ref)
                             VALUES (${org}, ${scope.projectId}, ${action.name}, ${action.artifactType}, ${action.title || null},
                                     ${action.content || null}, ${action.uri || null},
                                     ${action.integrationRef ? JSON.stringify(action.integrationRef) : null}::jsonb)
                             RETURNING id`),
      );
      if (action.cardId) await link(tx, scope, action.cardId, row!.id, undefined);
      return { artifactId: row!.id, ...(action.cardId ? { cardId: action.cardId } : {}) };
    }
    case 'linkContextArtifact': {
      await liveRow(tx, 'card', scope, action.cardId);
      const [artifact] = rowsOf<{ id: string }>(
        await tx.execute(sql`SELECT id FROM ${contextArtifacts} WHERE organisation_id = ${org} AND project_id = ${scope.projectId}
                             AND id = ${action.artifactId} AND deleted_at IS NULL`),
      );
      if (!artifact) throw new ActionError('not_found', `There is no context artifact ${action.artifactId} in this project.`);
      if (action.unlink) {
        await tx.execute(sql`UPDATE ${cardContextArtifacts} SET deleted_at = now()
                             WHERE organisation_id = ${org} AND card_id = ${action.cardId} AND context_artifact_id = ${action.artifactId} AND deleted_at IS NULL`);
      } else {
        await link(tx, scope, action.cardId, action.artifactId, action.usageHint);
      }
      return { cardId: action.cardId, artifactId: action.artifactId };
    }
  }
}

/** Links an artifact to a card; linking again revives an unlinked row (schema-map: card_context_artifact). */
async function link(tx: Database, scope: ProjectScope, cardId: string, artifactId: string, usageHint: string | undefined): Promise<void> {
  await tx.execute(sql`INSERT INTO ${cardContextArtifacts} (organisation_id, project_id, card_id, context_artifact_id, linked_by, usage_hint)
                       VALUES (${scope.organisationId}, ${scope.projectId}, ${cardId}, ${artifactId}, acting_or(NULL), ${usageHint || null})
                       ON CONFLICT (organisation_id, card_id, context_artifact_id)
                       DO UPDATE SET deleted_at = NULL, usage_hint = coalesce(EXCLUDED.usage_hint, ${cardContextArtifacts}.usage_hint)`);
}

async function updateChild(tx: Database, table: SQL, noun: string, org: string, cardId: string, id: string, set: SQL[]): Promise<void> {
  if (set.length === 0) throw new ActionError('invalid_input', `Say what to change in the ${noun}.`);
  const updated = rowsOf<{ id: string }>(
    await tx.execute(sql`UPDATE ${table} SET ${sql.join(set, sql`, `)}
                         WHERE organisation_id = ${org} AND card_id = ${cardId} AND id = ${id} AND deleted_at IS NULL RETURNING id`),
  );
  if (updated.length === 0) throw new ActionError('not_found', `There is no ${noun} ${id} on this card (it may have been deleted).`);
}

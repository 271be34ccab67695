import { sql, type SQL } from 'drizzle-orm';

/**
 * The fixed value lists of seed 004 (Dossier), shared by the planning schema modules and the
 * application. Kept out of index.ts: these are constants, not tables.
 */
export const runStatuses = ['queued', 'running', 'blocked', 'failed', 'completed', 'cancelled'] as const;
export const endedRunStatuses = ['failed', 'completed', 'cancelled'] as const;
export const cardStatuses = ['todo', 'active', 'questions', 'review', 'production'] as const;
export const activityColors = ['yellow', 'blue', 'purple', 'green', 'orange', 'pink'] as const;
export const knowledgeItemStatuses = ['draft', 'approved', 'rejected'] as const;
export const knowledgeItemSources = ['agent', 'user', 'imported'] as const;
export const contextArtifactTypes = [
  'doc',
  'design',
  'code',
  'research',
  'link',
  'image',
  'skill',
  'mcp',
  'cli',
  'api',
  'prompt',
  'spec',
  'runbook',
  'test',
  'scaffold',
] as const;
export const plannedFileKinds = ['component', 'endpoint', 'service', 'schema', 'hook', 'util', 'middleware', 'job', 'config'] as const;
export const plannedFileActions = ['create', 'edit'] as const;
export const plannedFileStatuses = ['proposed', 'user_edited', 'approved'] as const;
/** The action types the application's zod schema accepts; rejected actions may carry any text. */
export const planningActionTypes = [
  'updateProject',
  'createWorkflow',
  'createActivity',
  'createCard',
  'updateCard',
  'reorderCard',
  'deleteWorkflow',
  'deleteActivity',
  'deleteCard',
  'linkContextArtifact',
  'createContextArtifact',
  'upsertCardPlannedFile',
  'upsertCardKnowledgeItem',
  // Gantry additions: renaming and reordering a workflow or an activity on the story map.
  'updateWorkflow',
  'updateActivity',
] as const;
export const runScopes = ['workflow', 'card'] as const;
export const runTriggerTypes = ['card', 'workflow', 'manual'] as const;
export const agentRoles = ['planner', 'coder', 'reviewer', 'integrator', 'tester'] as const;
export const runCheckTypes = ['dependency', 'security', 'policy', 'lint', 'unit', 'integration', 'e2e'] as const;
export const runCheckStatuses = ['passed', 'failed', 'skipped'] as const;
export const pullRequestStatuses = ['not_created', 'draft_open', 'open', 'merged', 'closed'] as const;
export const approvalTypes = ['create_pr', 'merge_pr'] as const;
export const approvalStatuses = ['pending', 'approved', 'rejected'] as const;
export const memoryContentTypes = ['inline', 'link'] as const;
export const memoryEntityTypes = ['project', 'workflow', 'activity', 'step', 'card', 'schema'] as const;
export const memoryRelationRoles = ['source', 'supports', 'constrains'] as const;

export type RunStatus = (typeof runStatuses)[number];
export type CardStatus = (typeof cardStatuses)[number];
export type RunCheckType = (typeof runCheckTypes)[number];

/** `'a', 'b'` for a CHECK's IN list. Only for the constants above, never for input. */
export function sqlList(values: readonly string[]): SQL {
  return sql.raw(values.map((v) => `'${v}'`).join(', '));
}

/** A jsonb array literal of the constants above, for containment CHECKs (`col <@ …`). */
export function jsonbList(values: readonly string[]): SQL {
  return sql.raw(`'${JSON.stringify(values)}'::jsonb`);
}

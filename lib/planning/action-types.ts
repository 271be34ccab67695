import { z } from 'zod';

import {
  activityColors,
  cardStatuses,
  contextArtifactTypes,
  knowledgeItemSources,
  knowledgeItemStatuses,
  plannedFileActions,
  plannedFileKinds,
  plannedFileStatuses,
} from '../db/schema/planning-values';

/**
 * The actions of the planning pipeline (seed 004's action types, plus updateWorkflow and
 * updateActivity): what a person's edit on the story map or an agent's batch asks for. Safe for
 * client components (they build these objects); applying them is lib/planning/planning-actions.ts.
 */
const id = z.uuid({ message: 'Give the id of an item of this project.' });
const title = z.string().trim().min(1, { message: 'Give it a title.' }).max(200, { message: 'At most 200 characters.' });
const longText = z.string().trim().max(10_000, { message: 'At most 10,000 characters.' });
const position = z.coerce.number().int().min(0, { message: 'A position is 0 or more.' }).max(10_000);

export const KNOWLEDGE_KINDS = ['requirement', 'fact', 'assumption', 'question'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

export const planningActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('updateProject'),
    name: title.optional(),
    description: longText.optional(),
    repoUrl: z.string().trim().max(500).optional(),
    defaultBranch: z.string().trim().min(1, { message: 'Name the default branch.' }).max(200).optional(),
    deleted: z.literal(true).optional(),
  }),
  z.object({ type: z.literal('createWorkflow'), title, description: longText.optional(), position: position.optional() }),
  z.object({ type: z.literal('updateWorkflow'), workflowId: id, title: title.optional(), description: longText.optional(), position: position.optional() }),
  z.object({ type: z.literal('deleteWorkflow'), workflowId: id }),
  z.object({ type: z.literal('createActivity'), workflowId: id, title, color: z.enum(activityColors).optional(), position: position.optional() }),
  z.object({
    type: z.literal('updateActivity'),
    activityId: id,
    title: title.optional(),
    color: z.enum(activityColors).optional(),
    position: position.optional(),
  }),
  z.object({ type: z.literal('deleteActivity'), activityId: id }),
  z.object({
    type: z.literal('createCard'),
    activityId: id,
    title,
    description: longText.optional(),
    status: z.enum(cardStatuses).optional(),
    priority: z.coerce.number().int().min(0).max(1000).optional(),
    position: position.optional(),
  }),
  z.object({
    type: z.literal('updateCard'),
    cardId: id,
    title: title.optional(),
    description: longText.optional(),
    status: z.enum(cardStatuses, { message: 'Choose one of the card statuses.' }).optional(),
    priority: z.coerce.number().int().min(0, { message: 'Priority is 0 or more.' }).max(1000).optional(),
    finalized: z.boolean().optional(),
  }),
  z.object({ type: z.literal('reorderCard'), cardId: id, activityId: id, position }),
  z.object({ type: z.literal('deleteCard'), cardId: id }),
  z.object({
    type: z.literal('createContextArtifact'),
    name: title,
    artifactType: z.enum(contextArtifactTypes),
    title: z.string().trim().max(200).optional(),
    content: longText.optional(),
    uri: z.string().trim().max(2000).optional(),
    integrationRef: z.record(z.string(), z.unknown()).optional(),
    // Links the new artifact to this card at once.
    cardId: id.optional(),
  }),
  z.object({
    type: z.literal('linkContextArtifact'),
    cardId: id,
    artifactId: id,
    usageHint: z.string().trim().max(500).optional(),
    unlink: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('upsertCardKnowledgeItem'),
    cardId: id,
    kind: z.enum(KNOWLEDGE_KINDS),
    itemId: id.optional(),
    text: z.string().trim().min(1, { message: 'Write the text.' }).max(5_000).optional(),
    status: z.enum(knowledgeItemStatuses).optional(),
    source: z.enum(knowledgeItemSources).optional(),
    deleted: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal('upsertCardPlannedFile'),
    cardId: id,
    fileId: id.optional(),
    logicalFileName: z.string().trim().min(1, { message: 'Name the file.' }).max(500).optional(),
    artifactKind: z.enum(plannedFileKinds).optional(),
    action: z.enum(plannedFileActions).optional(),
    intentSummary: z.string().trim().min(1, { message: 'Say what the file is for.' }).max(2_000).optional(),
    status: z.enum(plannedFileStatuses).optional(),
    deleted: z.literal(true).optional(),
  }),
]);

export type PlanningActionInput = z.input<typeof planningActionSchema>;
export type PlanningAction = z.output<typeof planningActionSchema>;

/**
 * A batch as a caller sends it. Each action is read on its own when its turn comes, so that a
 * malformed one is logged as rejected (with its place) instead of refusing the whole request.
 */
export const planningBatchInput = z.object({
  projectId: z.uuid({ message: 'Which project?' }),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
  expectedSequence: z.coerce.number().int().min(0).optional(),
  actions: z
    .array(z.looseObject({ type: z.string().max(100) }), { message: 'Send a list of actions.' })
    .min(1, { message: 'Send at least one action.' })
    .max(100, { message: 'At most 100 actions in one batch.' }),
});
export type PlanningBatchInput = z.input<typeof planningBatchInput>;

export interface ActionOutcome {
  position: number;
  type: string;
  status: 'accepted' | 'rejected';
  /** What the action changed or created (ids), as stored. */
  target: Record<string, unknown>;
  /** Why it was refused, in a sentence. */
  reason: string | null;
  /** Read back from an earlier request with the same idempotency key, not applied now. */
  replayed: boolean;
}

export interface BatchOutcome {
  projectId: string;
  /** The project's action sequence after the batch. */
  sequence: number;
  results: ActionOutcome[];
  /** The action the batch stopped at, if one was refused. */
  rejected: ActionOutcome | null;
}

/** What each action type does, in words, for the action history. */
export const ACTION_LABELS: Record<string, string> = {
  updateProject: 'Changed the project',
  createWorkflow: 'Created a workflow',
  updateWorkflow: 'Changed a workflow',
  deleteWorkflow: 'Deleted a workflow',
  createActivity: 'Created an activity',
  updateActivity: 'Changed an activity',
  deleteActivity: 'Deleted an activity',
  createCard: 'Created a card',
  updateCard: 'Changed a card',
  reorderCard: 'Moved a card',
  deleteCard: 'Deleted a card',
  createContextArtifact: 'Created a context artifact',
  linkContextArtifact: 'Linked a context artifact',
  upsertCardKnowledgeItem: 'Wrote a knowledge item',
  upsertCardPlannedFile: 'Planned a file',
};

import { keyedList } from '@/lib/keyed-list';

/**
 * What a blocker is about: seed 001's classifications (Foreman blockers on a program, wave or
 * task) and seed 003's reason codes (kernel blockers on a roadmap item or attempt), as the
 * CHECKs of the merged blockers table list them. Safe for client components.
 */
export const CLASSIFICATIONS = [
  'architecture_qa_mismatch',
  'impossible_requirements',
  'protected_path',
  'repeated_failures',
  'constitutional_violation',
  'builder_stall',
] as const;

export const REASON_CODES = [
  'missing_approval',
  'missing_info',
  'missing_dependency',
  'missing_resource',
  'missing_credential',
  'technical_failure',
  'external_wait',
  'other',
] as const;

export type Classification = (typeof CLASSIFICATIONS)[number];
export type ReasonCode = (typeof REASON_CODES)[number];
export type BlockerKind = Classification | ReasonCode;
export const BLOCKER_KINDS: readonly BlockerKind[] = [...CLASSIFICATIONS, ...REASON_CODES];

export const KIND_LABELS: Record<BlockerKind, string> = {
  architecture_qa_mismatch: 'Architecture–QA mismatch',
  impossible_requirements: 'Impossible requirements',
  protected_path: 'Protected path',
  repeated_failures: 'Repeated failures',
  constitutional_violation: 'Constitutional violation',
  builder_stall: 'Builder stall',
  missing_approval: 'Missing approval',
  missing_info: 'Missing information',
  missing_dependency: 'Missing dependency',
  missing_resource: 'Missing resource',
  missing_credential: 'Missing credential',
  technical_failure: 'Technical failure',
  external_wait: 'Waiting on someone outside',
  other: 'Other',
};

export function kindLabel(kind: string | null): string {
  return (kind && KIND_LABELS[kind as BlockerKind]) || kind || 'Unclassified';
}

export function isClassification(kind: string): kind is Classification {
  return (CLASSIFICATIONS as readonly string[]).includes(kind);
}

export const SEVERITIES = ['blocking', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a blocker can sit on. Foreman targets take a classification, kernel targets a reason code. */
export const { keys: TARGET_TYPES, words: TARGET_LABELS } = keyedList({
  task: 'Task',
  wave: 'Wave',
  program: 'Program',
  roadmap_item: 'Roadmap item',
  attempt: 'Attempt',
});
export type TargetType = (typeof TARGET_TYPES)[number];
export function isForemanTarget(type: TargetType): boolean {
  return type === 'task' || type === 'wave' || type === 'program';
}

/** The Foreman dialog's resolution actions (SEMANTICS.md part 3 item 4), plus what a stall needs. */
export const RESOLUTION_ACTIONS = ['update_qa', 'update_architecture', 'restart_builder', 'reassign_task', 'provided_what_was_needed', 'other'] as const;
export const RESOLUTION_ACTION_LABELS: Record<(typeof RESOLUTION_ACTIONS)[number], string> = {
  update_qa: 'Update QA',
  update_architecture: 'Update architecture',
  restart_builder: 'Restart the builder',
  reassign_task: 'Reassign the task',
  provided_what_was_needed: 'Provided what it needed',
  other: 'Other',
};

/** A written resolution is at least this long (the Foreman spec's resolution form). */
export const MIN_RESOLUTION_LENGTH = 10;

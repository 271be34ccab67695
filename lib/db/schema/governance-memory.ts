import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, text, unique } from 'drizzle-orm/pg-core';

import { auditColumns, tenantForeignKey, tenantIdentityTable, tenantPrimaryKey, tenantTable, tenantTextTable, timestamptz } from './columns';

// Tenant-owned system tables of seed 003: request de-duplication, project memory (seed 003's
// "sessions", patterns, ground rules, skills, preferences: the userland candidates) and the
// session caches. Every row names its organisation, and every key starts with it.

/**
 * One row per (organisation, key): a batch of actions sent under one key is one row whose
 * response holds the whole batch's result, never one row per action (the defect SEMANTICS 2.2
 * reports for Dossier's planning_action does not arise here).
 */
export const idempotencyKeys = tenantTable(
  'idempotency_keys',
  {
    key: text().notNull(),
    operation: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb(),
    status: text().notNull().default('pending'),
    expiresAt: timestamptz().notNull(),
    ...auditColumns(),
  },
  (t) => [
    tenantPrimaryKey('idempotency_keys_pkey', t.key),
    check('idempotency_keys_status_check', sql`${t.status} IN ('pending', 'complete', 'failed')`),
    check('idempotency_keys_expires_check', sql`${t.expiresAt} > ${t.createdAt}`),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);

/** Project memory sessions (seed 003 migration 002), not login sessions. */
export const sessions = tenantIdentityTable(
  'sessions',
  {
    startedAt: timestamptz().notNull().defaultNow(),
    endedAt: timestamptz(),
    commandsRun: integer().notNull().default(0),
    learningsCaptured: integer().notNull().default(0),
    ...auditColumns(),
  },
  (t) => [
    check('sessions_commands_run_check', sql`${t.commandsRun} >= 0`),
    check('sessions_learnings_captured_check', sql`${t.learningsCaptured} >= 0`),
    check('sessions_ended_check', sql`${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.startedAt}`),
    index('sessions_started_idx').on(t.organisationId, t.startedAt.desc()),
  ],
);

/** One row per agent session transcript file (motus migration 003_session_cache). */
export const sessionFileCache = tenantTextTable(
  'session_file_cache',
  {
    source: text().notNull(),
    filePath: text().notNull(),
    fileHash: text().notNull(),
    // Nanoseconds since the epoch pass Number.MAX_SAFE_INTEGER: read them as bigint.
    fileMtimeNs: bigint({ mode: 'bigint' }).notNull(),
    fileSizeBytes: bigint({ mode: 'number' }).notNull(),
    ingestedAt: timestamptz().notNull().defaultNow(),
    projectPath: text(),
    model: text(),
    totalTurns: integer(),
    totalTokens: bigint({ mode: 'number' }),
    lastAction: text().notNull().default(''),
    hasCompletion: boolean().notNull().default(false),
    parseError: text(),
    status: text().notNull().default('active'),
    ...auditColumns(),
  },
  (t) => [
    tenantPrimaryKey('session_file_cache_pkey', t.id),
    unique('session_file_cache_file_path_key').on(t.organisationId, t.filePath),
    check('session_file_cache_status_check', sql`${t.status} IN ('active', 'archived', 'corrupted', 'partial', 'skipped')`),
    index('session_file_cache_mtime_idx').on(t.organisationId, t.fileMtimeNs),
    index('session_file_cache_project_idx').on(t.organisationId, t.projectPath),
    index('session_file_cache_status_idx').on(t.organisationId, t.status),
  ],
);

/** Event index of a cached session (metadata only; the transcript stays in its file). */
export const sessionEventCache = tenantIdentityTable(
  'session_event_cache',
  {
    sessionId: text().notNull(),
    sequence: integer().notNull(),
    type: text().notNull(),
    timestamp: timestamptz(),
    contentPreview: text(),
    contentHash: text(),
    toolName: text(),
    tokenCount: integer(),
    ...auditColumns(),
  },
  (t) => [
    tenantForeignKey('session_event_cache_session_fk', [t.sessionId], [sessionFileCache.id]),
    unique('session_event_cache_session_sequence_key').on(t.organisationId, t.sessionId, t.sequence),
    index('session_event_cache_type_idx').on(t.organisationId, t.type),
  ],
);

/** Sync state of the session cache: key/value pairs such as the last sync time. */
export const sessionCacheState = tenantTable(
  'session_cache_state',
  {
    key: text().notNull(),
    value: text().notNull(),
    ...auditColumns(),
  },
  (t) => [tenantPrimaryKey('session_cache_state_pkey', t.key)],
);

export const learnedPatterns = tenantIdentityTable(
  'learned_patterns',
  {
    patternType: text().notNull(),
    patternValue: text().notNull(),
    learnedAt: timestamptz().notNull().defaultNow(),
    source: text().notNull(),
    frequency: integer().notNull().default(1),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    ...auditColumns(),
  },
  (t) => [
    unique('learned_patterns_type_value_key').on(t.organisationId, t.patternType, t.patternValue),
    check('learned_patterns_source_check', sql`${t.source} IN ('detection', 'user_input', 'observation')`),
    check('learned_patterns_frequency_check', sql`${t.frequency} >= 1`),
    index('learned_patterns_frequency_idx').on(t.organisationId, t.patternType, t.frequency.desc()),
  ],
);

export const detectedPatterns = tenantIdentityTable(
  'detected_patterns',
  {
    patternType: text().notNull(),
    patternValue: text().notNull(),
    confidence: text().notNull(),
    detectedFrom: text(),
    detectedAt: timestamptz().notNull().defaultNow(),
    lastConfirmedAt: timestamptz(),
    ...auditColumns(),
  },
  (t) => [
    unique('detected_patterns_type_value_key').on(t.organisationId, t.patternType, t.patternValue),
    check('detected_patterns_confidence_check', sql`${t.confidence} IN ('high', 'medium', 'low')`),
    index('detected_patterns_detected_idx').on(t.organisationId, t.detectedAt),
  ],
);

export const groundRules = tenantIdentityTable(
  'ground_rules',
  {
    ruleType: text().notNull(),
    ruleValue: text().notNull(),
    source: text().notNull(),
    ...auditColumns(),
  },
  (t) => [
    unique('ground_rules_type_value_key').on(t.organisationId, t.ruleType, t.ruleValue),
    check('ground_rules_source_check', sql`${t.source} IN ('default', 'user_defined', 'imported')`),
  ],
);

export const skills = tenantTable(
  'skills',
  {
    skillName: text().notNull(),
    unlockedAt: timestamptz(),
    progressCount: integer().notNull().default(0),
    unlockThreshold: integer().notNull(),
    ...auditColumns(),
  },
  (t) => [
    tenantPrimaryKey('skills_pkey', t.skillName),
    check('skills_progress_count_check', sql`${t.progressCount} >= 0`),
    check('skills_unlock_threshold_check', sql`${t.unlockThreshold} >= 0`),
  ],
);

export const preferences = tenantTable(
  'preferences',
  {
    key: text().notNull(),
    value: text().notNull(),
    setAt: timestamptz().notNull().defaultNow(),
    source: text().notNull(),
    ...auditColumns(),
  },
  (t) => [tenantPrimaryKey('preferences_pkey', t.key), check('preferences_source_check', sql`${t.source} IN ('cli', 'config_file', 'learned')`)],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type SessionFileCacheEntry = typeof sessionFileCache.$inferSelect;
export type SessionEventCacheEntry = typeof sessionEventCache.$inferSelect;
export type LearnedPattern = typeof learnedPatterns.$inferSelect;
export type DetectedPattern = typeof detectedPatterns.$inferSelect;
export type GroundRule = typeof groundRules.$inferSelect;
export type Skill = typeof skills.$inferSelect;
export type Preference = typeof preferences.$inferSelect;

import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, type PgTableExtraConfigValue, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantTable, timestamps, timestamptz } from './columns';
import { programs } from './portfolio';
import { boardItemColumns } from './work-items';
import { searchIndex } from './search';

/**
 * Seed 001, the Foreman office: programs run in sequenced waves of tasks, and builder agents
 * take the tasks. Ids stay uuids as the seed has them, unique within an organisation: keys are
 * (organisation_id, <table>_id) and every foreign key carries organisation_id. The seed's
 * ON DELETE CASCADE becomes RESTRICT; waves, tasks and builders are soft-deleted instead.
 * Progress rolls up task → wave → program by triggers (migration foreman_rules).
 */

export const waves = tenantTable(
  'waves',
  {
    waveId: uuid().notNull().defaultRandom(),
    programId: text().notNull(),
    name: text().notNull(),
    sequenceNumber: integer().notNull(),
    /** wave_ids this wave waits for; the trigger waves_dependencies_check keeps them in the program. */
    dependencies: jsonb().$type<string[]>().notNull().default([]),
    state: text().notNull(),
    progressPercentage: integer().notNull().default(0),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('waves_pkey', t.waveId),
    tenantForeignKey('waves_program_fk', [t.programId], [programs.id]),
    // Seed: UNIQUE (program_id, sequence_number); idx_waves_program is its prefix.
    uniqueIndex('waves_program_sequence_live_key').on(t.organisationId, t.programId, t.sequenceNumber).where(isLive),
    index('waves_state_live_idx').on(t.organisationId, t.state).where(isLive),
    check('waves_state_check', sql`${t.state} IN ('planned', 'in-progress', 'blocked', 'completed', 'failed')`),
    check('waves_progress_percentage_check', sql`${t.progressPercentage} BETWEEN 0 AND 100`),
    check('waves_dependencies_is_array', sql`jsonb_typeof(${t.dependencies}) = 'array'`),
  ],
);

export const tasks = tenantTable(
  'tasks',
  {
    taskId: uuid().notNull().defaultRandom(),
    waveId: uuid().notNull(),
    name: text().notNull(),
    architectureReference: text().notNull(),
    qaSuiteLocation: text().notNull(),
    acceptanceCriteria: text().notNull(),
    /** A builder of the organisation (the seed's fixed list of five ids became the builders table). */
    assignedBuilder: text(),
    state: text().notNull(),
    progressPercentage: integer().notNull().default(0),
    evidenceLocation: text(),
    ...timestamps(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    ...boardItemColumns(),
  },
  // Annotated: tasks and builders reference each other, which TypeScript cannot infer.
  (t): PgTableExtraConfigValue[] => [
    tenantPrimaryKey('tasks_pkey', t.taskId),
    searchIndex('tasks'),
    tenantForeignKey('tasks_wave_fk', [t.waveId], [waves.waveId]),
    tenantForeignKey('tasks_assigned_builder_fk', [t.assignedBuilder], [builders.builderId]),
    // Also serves the progress roll-up: the live tasks of one wave.
    index('tasks_wave_live_idx').on(t.organisationId, t.waveId).where(isLive),
    index('tasks_state_live_idx').on(t.organisationId, t.state).where(isLive),
    index('tasks_assigned_builder_live_idx').on(t.organisationId, t.assignedBuilder).where(isLive),
    // A wave's board column in board order.
    index('tasks_board_live_idx').on(t.organisationId, t.waveId, t.state, t.boardRank).where(isLive),
    uniqueIndex('tasks_state_rank_live_idx').on(t.organisationId, t.state, t.boardRank).where(isLive),
    index('tasks_updated_idx').on(t.organisationId, t.updatedAt),
    check('tasks_state_check', sql`${t.state} IN ('planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed')`),
    check('tasks_progress_percentage_check', sql`${t.progressPercentage} BETWEEN 0 AND 100`),
  ],
);

export const builders = tenantTable(
  'builders',
  {
    /** Any slug ('ui-builder', 'docs-builder-2'); the seed allowed only five fixed ids. */
    builderId: text().notNull(),
    /** terminology domain builder_type: ui, api, schema, integration, qa, and whatever an admin adds. */
    builderTypeKey: text().notNull(),
    backendType: text().notNull(),
    currentTaskId: uuid(),
    state: text().notNull(),
    /** The newest heartbeat's time, kept by the trigger heartbeats_touch_builder. */
    lastHeartbeat: timestamptz().notNull().defaultNow(),
    /** {model, escalation_rationale} */
    provenance: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ...softDeleteTimestamps(),
  },
  (t): PgTableExtraConfigValue[] => [
    tenantPrimaryKey('builders_pkey', t.builderId),
    searchIndex('builders'),
    tenantForeignKey('builders_current_task_fk', [t.currentTaskId], [tasks.taskId]),
    // Seed relationship "builders (1) ──< (1) tasks (current_task)": one builder per task.
    uniqueIndex('builders_current_task_live_key')
      .on(t.organisationId, t.currentTaskId)
      .where(sql`deleted_at IS NULL AND current_task_id IS NOT NULL`),
    index('builders_state_live_idx').on(t.organisationId, t.state).where(isLive),
    index('builders_last_heartbeat_live_idx').on(t.organisationId, t.lastHeartbeat).where(isLive),
    check('builders_builder_id_format', sql`${t.builderId} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('builders_backend_type_check', sql`${t.backendType} IN ('local', 'hosted', 'burst')`),
    check('builders_state_check', sql`${t.state} IN ('idle', 'active', 'blocked', 'failed')`),
    check('builders_provenance_is_object', sql`jsonb_typeof(${t.provenance}) = 'object'`),
  ],
);

export type Wave = typeof waves.$inferSelect;
export type Task = typeof tasks.$inferSelect;
export type Builder = typeof builders.$inferSelect;

import { z } from 'zod';

import { keyedList } from '@/lib/keyed-list';

import { optional, optionalDate, optionalReference, optionalVersion, reference, required, termKey } from '../plan/fields';

/**
 * What can be imported (docs/import-export.md): the kinds of work item, each with its columns.
 * The required columns are those the kind's create form requires (lib/plan: createChangeRequestInput,
 * createRoadmapItemInput, createBugInput, createTaskInput; kinds.test.ts keeps them in step); the
 * optional ones are what its edit form sets. Safe for client components: the import page
 * validates in the browser for its preview, the server again before it writes.
 */

/** The kinds, with their names in words. */
export const {
  keys: IMPORT_KINDS,
  words: IMPORT_KIND_LABELS,
  is: isImportKind,
} = keyedList({
  cr: { one: 'change request', many: 'change requests' },
  roadmap: { one: 'roadmap item', many: 'roadmap items' },
  bug: { one: 'bug', many: 'bugs' },
  task: { one: 'Foreman task', many: 'Foreman tasks' },
});
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The largest file taken, and the most rows: larger ones are refused with a sentence (413). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

/** A terminology key, or '' for the column's default. */
const optionalTerm = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .max(100, { message })
    .optional()
    .transform((v) => v || undefined);

const schemas = {
  cr: z.object({
    productId: reference('Give the product it changes (product_id).'),
    title: required(300, 'Give the change request a title.'),
    featureId: optionalReference,
    statusKey: optionalTerm('Give a status key, e.g. queue.'),
    description: optional(10_000),
    typeKey: optionalTerm('Give a type key, e.g. enhancement.'),
    size: z
      .enum(['S', 'M', 'L', 'XL', ''], { message: 'Give S, M, L or XL.' })
      .optional()
      .transform((v) => v || undefined),
    targetVersion: optionalVersion,
  }),
  roadmap: z
    .object({
      title: required(300, 'Give the item a title.'),
      phaseKey: termKey('Give its phase key, e.g. phase_a.'),
      programId: optionalReference,
      productId: optionalReference,
      statusKey: optionalTerm('Give a status key, e.g. pending.'),
      description: optional(10_000),
      itemType: z
        .enum(['work', 'gate', 'holding', 'integration', ''], { message: 'Give work, gate, holding or integration.' })
        .optional()
        .transform((v) => v || undefined),
      targetDate: optionalDate,
    })
    .refine((v) => v.programId !== null || v.productId !== null, {
      message: 'Give the program (program_id) or product (product_id) it belongs to.',
      path: ['programId'],
    }),
  bug: z.object({
    featureId: reference('Give the feature it is in (feature_id).'),
    featureVersion: required(50, 'Say which version of the feature has it.'),
    title: required(300, 'Give the bug a title.'),
    severityKey: optionalTerm('Give a severity key, e.g. medium.'),
    statusKey: optionalTerm('Give a status key, e.g. open.'),
    description: optional(10_000),
  }),
  task: z.object({
    waveId: z.string({ error: 'Give the wave it belongs to (wave_id).' }).trim().uuid({ message: 'Give the wave it belongs to (wave_id, a uuid).' }),
    name: required(300, 'Give the task a name.'),
    acceptanceCriteria: required(4000, 'Say when the task is done.'),
    architectureReference: required(2000, 'Name the architecture it follows (a document or path).'),
    qaSuiteLocation: required(2000, 'Say where its QA suite is.'),
    statusKey: z
      .enum(['planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed', ''], {
        message: 'Give a state: planned, assigned, in-progress, blocked, completed or failed.',
      })
      .optional()
      .transform((v) => v || undefined),
  }),
} as const;

export type ImportRow<K extends ImportKind> = z.output<(typeof schemas)[K]>;
export type AnyImportRow = ImportRow<'cr'> | ImportRow<'roadmap'> | ImportRow<'bug'> | ImportRow<'task'>;

export function importRowSchema(kind: ImportKind): z.ZodType<AnyImportRow> {
  return schemas[kind] as z.ZodType<AnyImportRow>;
}

/** A file's column (snake_case, as the exports write them) → the row's field; required columns first. */
export const IMPORT_COLUMNS: Record<ImportKind, { column: string; field: string; required: boolean }[]> = {
  cr: [
    { column: 'product_id', field: 'productId', required: true },
    { column: 'title', field: 'title', required: true },
    { column: 'feature_id', field: 'featureId', required: false },
    { column: 'status', field: 'statusKey', required: false },
    { column: 'description', field: 'description', required: false },
    { column: 'type', field: 'typeKey', required: false },
    { column: 'size', field: 'size', required: false },
    { column: 'target_version', field: 'targetVersion', required: false },
  ],
  roadmap: [
    { column: 'title', field: 'title', required: true },
    { column: 'phase', field: 'phaseKey', required: true },
    { column: 'program_id', field: 'programId', required: false },
    { column: 'product_id', field: 'productId', required: false },
    { column: 'status', field: 'statusKey', required: false },
    { column: 'description', field: 'description', required: false },
    { column: 'item_type', field: 'itemType', required: false },
    { column: 'target_date', field: 'targetDate', required: false },
  ],
  bug: [
    { column: 'feature_id', field: 'featureId', required: true },
    { column: 'feature_version', field: 'featureVersion', required: true },
    { column: 'title', field: 'title', required: true },
    { column: 'severity', field: 'severityKey', required: false },
    { column: 'status', field: 'statusKey', required: false },
    { column: 'description', field: 'description', required: false },
  ],
  task: [
    { column: 'wave_id', field: 'waveId', required: true },
    { column: 'name', field: 'name', required: true },
    { column: 'acceptance_criteria', field: 'acceptanceCriteria', required: true },
    { column: 'architecture_reference', field: 'architectureReference', required: true },
    { column: 'qa_suite_location', field: 'qaSuiteLocation', required: true },
    { column: 'state', field: 'statusKey', required: false },
  ],
};

/** What an import wrote. */
export interface ImportResult {
  kind: ImportKind;
  count: number;
  /** The first and last id written (tasks: the database's uuids). */
  firstId: string | null;
  lastId: string | null;
}

import 'server-only';

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { products, programs, standardAssignments, standards, terminology } from '../db/schema';
import { decimal, integer } from '../validation/fields';
import { listCharterDocs, type CharterDocSummary } from './charters';
import type { OrganisationCaller } from '../auth/identity';

export const ENTITY_TYPES = ['program', 'product', 'feature', 'release', 'cr'] as const;

/** What a standard checks and what a failure means: the same on the settings page and in a release's review. */
export interface StandardCheck {
  checkCommand: string | null;
  checkPattern: string | null;
  thresholdMin: number | null;
  thresholdMax: number | null;
  failureMessage: string;
  isBlocking: boolean;
}

export interface StandardSummary extends StandardCheck {
  id: string;
  name: string;
  description: string | null;
  levelKey: string;
  level: string;
  checkTypeKey: string;
  checkType: string;
  /** The first ASSIGNMENTS_SHOWN places it applies to (by kind, then id); assignmentCount counts them all. */
  assignments: { id: number; entityType: string; entityId: string; isInherited: boolean }[];
  assignmentCount: number;
}

export interface StandardsSettings {
  standards: StandardSummary[];
  levels: { key: string; label: string }[];
  checkTypes: { key: string; label: string }[];
  charterTypes: { key: string; label: string }[];
  /** Programs and products, to suggest as assignment targets (features, releases and CRs are typed). */
  entitySuggestions: { entityType: string; id: string; name: string }[];
  charters: CharterDocSummary[];
}

/** How many places a standard lists on the settings page; a count gives the rest. */
export const ASSIGNMENTS_SHOWN = 24;

export async function getStandardsSettings(member: OrganisationCaller): Promise<StandardsSettings> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const [summary, rows, assignments, terms, programRows, productRows, charters] = await Promise.all([
      tx.execute(sql`SELECT id, level, check_type FROM v_standards_summary WHERE organisation_id = ${organisationId}`),
      tx
        .select()
        .from(standards)
        .where(and(eq(standards.organisationId, organisationId), isNull(standards.deletedAt))),
      // An organisation at scale assigns a standard to thousands of releases: the page shows the first
      // ones of each standard and counts the rest (at scale L 2,000 chips, each with its button, were 2.3 MB).
      tx.execute(sql`
        SELECT id, standard_id, entity_type, entity_id, is_inherited, total FROM (
          SELECT a.id, a.standard_id, a.entity_type, a.entity_id, a.is_inherited,
                 row_number() OVER (PARTITION BY a.standard_id ORDER BY a.entity_type, a.entity_id, a.id) AS n,
                 count(*) OVER (PARTITION BY a.standard_id) AS total
            FROM standard_assignments a
           WHERE a.organisation_id = ${organisationId}) ranked
         WHERE n <= ${ASSIGNMENTS_SHOWN}
         ORDER BY entity_type, entity_id, id`),
      tx
        .select({ domain: terminology.domain, key: terminology.internalKey, label: terminology.displayName })
        .from(terminology)
        .where(and(sql`${terminology.domain} IN ('standard_level', 'check_type', 'charter_type')`, isNull(terminology.deletedAt)))
        .orderBy(asc(terminology.sortOrder)),
      tx
        .select({ id: programs.id, name: programs.name })
        .from(programs)
        .where(and(eq(programs.organisationId, organisationId), isNull(programs.deletedAt)))
        .orderBy(asc(programs.name)),
      tx
        .select({ id: products.id, name: products.name })
        .from(products)
        .where(and(eq(products.organisationId, organisationId), isNull(products.deletedAt)))
        .orderBy(asc(products.name)),
      listCharterDocs(tx, organisationId),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const assignmentRows = rowsOf<{
      id: number | string;
      standard_id: string;
      entity_type: string;
      entity_id: string;
      is_inherited: boolean;
      total: number | string;
    }>(assignments);
    return {
      // v_standards_summary gives the order (level, then sort order) and the display names.
      standards: rowsOf<{ id: string; level: string | null; check_type: string | null }>(summary).flatMap((s) => {
        const r = byId.get(s.id);
        if (!r) return [];
        return [
          {
            id: r.id,
            name: r.name,
            description: r.description,
            levelKey: r.levelKey,
            level: s.level ?? r.levelKey,
            checkTypeKey: r.checkTypeKey,
            checkType: s.check_type ?? r.checkTypeKey,
            checkCommand: r.checkCommand,
            checkPattern: r.checkPattern,
            thresholdMin: r.thresholdMin,
            thresholdMax: r.thresholdMax,
            failureMessage: r.failureMessage,
            isBlocking: r.isBlocking,
            assignments: assignmentRows
              .filter((a) => a.standard_id === r.id)
              .map((a) => ({ id: Number(a.id), entityType: a.entity_type, entityId: a.entity_id, isInherited: a.is_inherited })),
            assignmentCount: Number(assignmentRows.find((a) => a.standard_id === r.id)?.total ?? 0),
          },
        ];
      }),
      levels: terms.filter((t) => t.domain === 'standard_level').map(({ key, label }) => ({ key, label })),
      checkTypes: terms.filter((t) => t.domain === 'check_type').map(({ key, label }) => ({ key, label })),
      charterTypes: terms.filter((t) => t.domain === 'charter_type').map(({ key, label }) => ({ key, label })),
      entitySuggestions: [...programRows.map((p) => ({ entityType: 'program', ...p })), ...productRows.map((p) => ({ entityType: 'product', ...p }))],
      charters,
    };
  });
}

const text = (field: string, max = 200) =>
  z
    .string({ error: `Give the ${field}` })
    .trim()
    .min(1, { message: `Give the ${field}` })
    .max(max, { message: `Use at most ${max} characters` });
const optional = (max = 1000) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max} characters` })
    .optional()
    .transform((v) => (v ? v : null));
const checkbox = z
  .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true');
const optionalNumber = z
  .union([z.literal(''), decimal({ min: -1e12, max: 1e12, message: 'Give a number' })])
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

const standardFields = z.object({
  id: text('id', 60).regex(/^[A-Za-z0-9._-]+$/, { message: 'Use letters, digits, dots, dashes and underscores' }),
  name: text('name'),
  description: optional(),
  levelKey: text('level', 40),
  checkTypeKey: text('check type', 40),
  checkCommand: optional(),
  checkPattern: optional(),
  thresholdMin: optionalNumber,
  thresholdMax: optionalNumber,
  failureMessage: text('message shown when it fails', 500),
  isBlocking: checkbox,
});

type StandardFields = z.output<typeof standardFields>;

const standardRules = <S extends z.ZodType<StandardFields>>(schema: S): S =>
  schema
    .refine((s) => s.thresholdMin === null || s.thresholdMax === null || s.thresholdMin <= s.thresholdMax, {
      message: 'The minimum must not exceed the maximum',
      path: ['thresholdMax'],
    })
    .refine((s) => s.checkTypeKey !== 'threshold' || s.thresholdMin !== null || s.thresholdMax !== null, {
      message: 'A threshold check needs a minimum or a maximum',
      path: ['thresholdMin'],
    })
    .refine((s) => s.checkTypeKey !== 'pattern' || s.checkPattern !== null, { message: 'A pattern check needs its pattern', path: ['checkPattern'] }) as S;

/** A new standard comes with the first place it applies to, so that it is never an orphan. */
export const createStandardInput = standardRules(
  standardFields.extend({
    entityType: z.enum(ENTITY_TYPES, { error: 'Choose what it applies to' }),
    entityId: text('id of the program, product, feature, release or change request'),
  }),
);
export const updateStandardInput = standardRules(standardFields);

function describeStandardRefusal(error: unknown, input: { id: string; entityType?: string; entityId?: string }): unknown {
  const { code, message } = pgErrorOf(error);
  if (code === '23514' && message.startsWith('TERMINOLOGY')) {
    return new ActionError('invalid_input', 'Choose a level and a check type from the lists.', {
      levelKey: 'Choose a level',
      checkTypeKey: 'Choose a check type',
    });
  }
  if (code === '23505') return new ActionError('conflict', `A standard with the id ${input.id} exists already.`, { id: 'This id is taken' });
  if (code === '23503') {
    return new ActionError('not_found', `There is no ${input.entityType} “${input.entityId}” in this organisation.`, {
      entityId: `No ${input.entityType} has this id`,
    });
  }
  return error;
}

/** Creates a standard and its first assignment, together or not at all. */
export async function createStandard(
  tx: Database,
  { organisationId, entityType, entityId, ...fields }: z.output<typeof createStandardInput> & { organisationId: string },
) {
  try {
    return await tx.transaction(async (sp) => {
      const [row] = await sp
        .insert(standards)
        .values({ organisationId, ...fields })
        .returning({ id: standards.id, name: standards.name });
      await sp.insert(standardAssignments).values({ organisationId, standardId: fields.id, entityType, entityId });
      return row!;
    });
  } catch (error) {
    throw describeStandardRefusal(error, { id: fields.id, entityType, entityId });
  }
}

/** Changes a standard of the organisation (its results keep what they recorded). */
export async function updateStandard(tx: Database, { organisationId, id, ...fields }: z.output<typeof updateStandardInput> & { organisationId: string }) {
  try {
    const [row] = await tx.transaction((sp) =>
      sp
        .update(standards)
        .set(fields)
        .where(and(eq(standards.organisationId, organisationId), eq(standards.id, id), isNull(standards.deletedAt)))
        .returning({ id: standards.id, name: standards.name }),
    );
    if (!row) throw new ActionError('not_found', `There is no standard ${id} in this organisation.`);
    return row;
  } catch (error) {
    throw describeStandardRefusal(error, { id });
  }
}

export const assignStandardInput = z.object({
  standardId: text('standard', 60),
  entityType: z.enum(ENTITY_TYPES, { error: 'Choose what it applies to' }),
  entityId: text('id of the program, product, feature, release or change request'),
  isInherited: checkbox,
});

/** Makes a standard apply to a program, product, feature, release or change request. */
export async function assignStandard(tx: Database, { organisationId, ...input }: z.output<typeof assignStandardInput> & { organisationId: string }) {
  try {
    const [row] = await tx.transaction((sp) =>
      sp
        .insert(standardAssignments)
        .values({ organisationId, ...input })
        .returning({ id: standardAssignments.id }),
    );
    return row!;
  } catch (error) {
    const { code } = pgErrorOf(error);
    if (code === '23503') {
      throw new ActionError('not_found', `There is no ${input.entityType} “${input.entityId}” (or no standard ${input.standardId}) in this organisation.`, {
        entityId: `No ${input.entityType} has this id`,
      });
    }
    if (code === '23505') throw new ActionError('conflict', `${input.standardId} already applies to ${input.entityType} ${input.entityId}.`);
    throw error;
  }
}

export const unassignStandardInput = z.object({ assignmentId: integer({ min: 1, max: 2_147_483_647, message: 'Choose an assignment' }) });

/** Stops a standard applying there. Its results stay: they are the record of what was checked. */
export async function unassignStandard(tx: Database, { organisationId, assignmentId }: z.output<typeof unassignStandardInput> & { organisationId: string }) {
  const [row] = await tx
    .delete(standardAssignments)
    .where(and(eq(standardAssignments.organisationId, organisationId), eq(standardAssignments.id, assignmentId)))
    .returning({ id: standardAssignments.id, standardId: standardAssignments.standardId });
  if (!row) throw new ActionError('not_found', 'There is no such assignment in this organisation.');
  return row;
}

import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { complianceResults, releases, standards } from '../db/schema';
import { readApplicableSources } from './review';

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { message: tooLong })
    .optional()
    .transform((v) => (v ? v : undefined));

export const recordComplianceResultInput = z.object({
  releaseId: z.string({ error: 'Choose a release' }).trim().min(1, { message: 'Choose a release' }).max(200, { message: 'Choose a release' }),
  standardId: z.string({ error: 'Choose a standard' }).trim().min(1, { message: 'Choose a standard' }).max(200, { message: 'Choose a standard' }),
  result: z.enum(['pass', 'fail', 'skip', 'error'], { error: 'Choose pass, fail, skip or error' }),
  /** The measured value, for threshold checks (e.g. coverage 81.5). */
  value: optionalText(100, 'Use at most 100 characters'),
  /** What a reviewer saw; required for a manual failure, so that the next person knows why. */
  note: optionalText(2000, 'Use at most 2,000 characters'),
  /** The message of an automated check that failed or errored. */
  message: optionalText(2000, 'Use at most 2,000 characters'),
  evidenceUrl: optionalText(2000, 'Use at most 2,000 characters').pipe(
    z.url({ protocol: /^https?$/, message: 'Give a web address (https://…) or leave it empty' }).optional(),
  ),
});

export type RecordComplianceResultInput = z.output<typeof recordComplianceResultInput>;

/**
 * Records one result of a standard for a release: a reviewer's manual check from the review
 * page, or an automated check (CI, a builder agent) through the API. Results are append-only
 * (the database refuses UPDATE and DELETE: compliance_immutable): a correction is a new result,
 * and the latest one counts. The result names the entity the standard is assigned through (the
 * program, product, feature, change request or release); a standard that does not apply to the
 * release is refused.
 */
export async function recordComplianceResult(
  tx: Database,
  { organisationId, checkedBy, ...input }: RecordComplianceResultInput & { organisationId: string; checkedBy: string },
) {
  const [release] = await tx
    .select({ id: releases.id })
    .from(releases)
    .where(and(eq(releases.organisationId, organisationId), eq(releases.id, input.releaseId), isNull(releases.deletedAt)));
  if (!release) throw new ActionError('not_found', 'There is no such release in this organisation.', { releaseId: 'Choose a release of this organisation' });

  const [standard] = await tx
    .select()
    .from(standards)
    .where(and(eq(standards.organisationId, organisationId), eq(standards.id, input.standardId), isNull(standards.deletedAt)));
  if (!standard)
    throw new ActionError('not_found', `There is no standard “${input.standardId}” in this organisation.`, {
      standardId: 'Choose a standard of this organisation',
    });

  const sources = (await readApplicableSources(tx, organisationId, input.releaseId)).get(standard.id) ?? [];
  const entity = sources.find((s) => s.entityType === standard.levelKey) ?? sources[0];
  if (!entity) {
    throw new ActionError('conflict', `${standard.id} (${standard.name}) does not apply to this release: assign it first, in Settings → Standards.`);
  }

  checkValue(standard, input);
  if (input.result === 'fail' && !input.note && !input.message) {
    throw new ActionError('invalid_input', 'Say why it fails, so that whoever fixes it knows where to start.', { note: 'Say why it fails' });
  }

  const [row] = await tx
    .insert(complianceResults)
    .values({
      organisationId,
      releaseId: input.releaseId,
      standardId: standard.id,
      entityType: entity.entityType,
      entityId: entity.entityId,
      result: input.result,
      resultValue: input.value ?? null,
      errorMessage: input.message ?? (input.result === 'fail' ? standard.failureMessage : null),
      note: input.note ?? null,
      evidenceUrl: input.evidenceUrl ?? null,
      checkedBy,
    })
    .returning({ id: complianceResults.id, result: complianceResults.result, checkedAt: complianceResults.checkedAt });
  return { ...row!, standardId: standard.id, releaseId: input.releaseId };
}

/** A threshold result carries a number, and a pass or fail must agree with the bounds. */
function checkValue(standard: typeof standards.$inferSelect, input: RecordComplianceResultInput) {
  if (standard.checkTypeKey !== 'threshold' || input.result === 'skip' || input.result === 'error') return;
  const bounds = [
    standard.thresholdMin !== null ? `at least ${standard.thresholdMin}` : null,
    standard.thresholdMax !== null ? `at most ${standard.thresholdMax}` : null,
  ]
    .filter(Boolean)
    .join(' and ');
  if (input.value === undefined) {
    throw new ActionError('invalid_input', `${standard.name} is a threshold check: give the measured value.`, { value: `Give the measured value (${bounds})` });
  }
  const n = Number(input.value);
  if (!Number.isFinite(n)) throw new ActionError('invalid_input', 'The measured value must be a number.', { value: 'Give a number, e.g. 81.5' });
  const meets = (standard.thresholdMin === null || n >= standard.thresholdMin) && (standard.thresholdMax === null || n <= standard.thresholdMax);
  if (input.result === 'pass' && !meets) {
    throw new ActionError('invalid_input', `${n} does not meet the threshold (${bounds}): record it as a failure, or check the value.`, {
      value: `Must be ${bounds} to pass`,
    });
  }
  if (input.result === 'fail' && meets) {
    throw new ActionError('invalid_input', `${n} meets the threshold (${bounds}): record it as a pass, or check the value.`, {
      value: `Meets the threshold (${bounds})`,
    });
  }
}

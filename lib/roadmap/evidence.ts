import 'server-only';

import { createHash, randomBytes } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import { evidenceUri } from '../validation/fields';
import type { Database } from '../db/connection';
import { rows } from './sql';

/** The evidence types of seed 003 (CHECK evidence_evidence_type_check), in the order a form offers them. */
export const EVIDENCE_TYPES = [
  'test_result',
  'build_artifact',
  'diff',
  'log',
  'attestation',
  'screenshot',
  'reference',
  'document',
  'policy_bundle',
  'other',
] as const;

export const attachEvidenceInput = z.object({
  workId: z.string().trim().min(1, 'Which item?').max(200),
  evidenceType: z.enum(EVIDENCE_TYPES, 'Choose a type of evidence'),
  uri: evidenceUri(2000),
  sha256: z
    .string()
    .trim()
    .max(64, 'A SHA-256 is 64 hexadecimal characters; leave it empty to hash the URI')
    .regex(/^([0-9a-fA-F]{64})?$/, 'A SHA-256 is 64 hexadecimal characters; leave it empty to hash the URI')
    .optional(),
  title: z.string().trim().max(300).optional(),
});
export type AttachEvidenceInput = z.infer<typeof attachEvidenceInput>;

/**
 * Records evidence for a roadmap item (the kernel's `evidence` table; append-only by design).
 * Without a hash of the artifact, the SHA-256 of the URI itself is recorded, which pins what
 * was referred to but not its content; the form says so.
 */
export async function attachEvidence(
  tx: Database,
  organisationId: string,
  createdBy: string,
  input: AttachEvidenceInput,
): Promise<{ id: string; workId: string; sha256: string; hashedUri: boolean }> {
  const [item] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM roadmap_items WHERE organisation_id = ${organisationId} AND id = ${input.workId} AND deleted_at IS NULL`,
  );
  if (!item) throw new ActionError('not_found', `There is no roadmap item ${input.workId}.`);
  const hashedUri = !input.sha256;
  const sha256 = (input.sha256 || createHash('sha256').update(input.uri).digest('hex')).toLowerCase();
  const id = `EV-${input.workId}-${randomBytes(4).toString('hex')}`;
  await tx.execute(
    sql`INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, title, created_by)
        VALUES (${organisationId}, ${id}, ${input.workId}, ${input.evidenceType}, ${input.uri}, ${sha256}, ${input.title || null}, ${createdBy})`,
  );
  return { id, workId: input.workId, sha256, hashedUri };
}

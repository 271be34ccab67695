import 'server-only';

import { createHash } from 'node:crypto';

import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { charterDocs } from '../db/schema';

export interface CharterDocSummary {
  id: string;
  docTypeKey: string;
  version: string;
  title: string;
  contentHash: string;
  filePath: string | null;
  isActive: boolean;
  approvedBy: string | null;
  approvedAt: Date | null;
}

/** Live charter documents, by type, active first, then newest version. */
export async function listCharterDocs(tx: Database, organisationId: string): Promise<CharterDocSummary[]> {
  return tx
    .select({
      id: charterDocs.id,
      docTypeKey: charterDocs.docTypeKey,
      version: charterDocs.version,
      title: charterDocs.title,
      contentHash: charterDocs.contentHash,
      filePath: charterDocs.filePath,
      isActive: charterDocs.isActive,
      approvedBy: charterDocs.approvedBy,
      approvedAt: charterDocs.approvedAt,
    })
    .from(charterDocs)
    .where(and(eq(charterDocs.organisationId, organisationId), isNull(charterDocs.deletedAt)))
    .orderBy(asc(charterDocs.docTypeKey), desc(charterDocs.isActive), desc(charterDocs.createdAt));
}

export const addCharterDocInput = z.object({
  id: z
    .string({ error: 'Give the document an id' })
    .trim()
    .min(1, { message: 'Give the document an id' })
    .max(100, { message: 'Use at most 100 characters' })
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'Use letters, digits, dots, dashes and underscores' }),
  /** The document this one is a new version of (it takes its type); empty for the first of a type. */
  replacesId: z
    .string()
    .trim()
    .max(100, { message: 'Use at most 100 characters' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  docTypeKey: z
    .string()
    .trim()
    .max(100, { message: 'Use at most 100 characters' })
    .optional()
    .transform((v) => (v ? v : undefined)),
  version: z.string({ error: 'Give the version' }).trim().min(1, { message: 'Give the version' }).max(40, { message: 'Use at most 40 characters' }),
  title: z.string({ error: 'Give the title' }).trim().min(1, { message: 'Give the title' }).max(200, { message: 'Use at most 200 characters' }),
  content: z
    .string({ error: 'Paste the document' })
    .min(1, { message: 'Paste the document: its SHA-256 is kept' })
    .max(200_000, { message: 'Use at most 200,000 characters' }),
  filePath: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => (v ? v : null)),
  activate: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('false')])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true'),
});

/**
 * Adds a version of a charter document; Gantry keeps the SHA-256 of its content. Activating it
 * retires the active document of its type (trigger charter_singleton_enforce).
 */
export async function addCharterDoc(
  tx: Database,
  {
    organisationId,
    approvedBy,
    activate,
    content,
    replacesId,
    docTypeKey,
    ...input
  }: z.output<typeof addCharterDocInput> & { organisationId: string; approvedBy: string },
) {
  let type = docTypeKey;
  if (replacesId) {
    const [previous] = await tx
      .select({ docTypeKey: charterDocs.docTypeKey })
      .from(charterDocs)
      .where(and(eq(charterDocs.organisationId, organisationId), eq(charterDocs.id, replacesId), isNull(charterDocs.deletedAt)));
    if (!previous) throw new ActionError('not_found', 'There is no such charter document in this organisation.', { replacesId: 'Choose one of the documents' });
    type = previous.docTypeKey;
  }
  if (!type)
    throw new ActionError('invalid_input', 'Choose the type of the document, or the document it is a new version of.', { docTypeKey: 'Choose the type' });
  const contentHash = createHash('sha256').update(content).digest('hex');
  try {
    const [row] = await tx.transaction((sp) =>
      sp
        .insert(charterDocs)
        .values({
          organisationId,
          ...input,
          docTypeKey: type,
          contentHash,
          isActive: activate,
          approvedBy: activate ? approvedBy : null,
          approvedAt: activate ? new Date() : null,
        })
        .returning({ id: charterDocs.id, contentHash: charterDocs.contentHash, isActive: charterDocs.isActive }),
    );
    return row!;
  } catch (error) {
    const { code, message } = pgErrorOf(error);
    if (code === '23505') throw new ActionError('conflict', `A document with the id ${input.id} exists already.`, { id: 'This id is taken' });
    if (code === '23514' && message.startsWith('TERMINOLOGY'))
      throw new ActionError('invalid_input', 'Choose a charter type from the list.', { docTypeKey: 'Choose a type' });
    throw error;
  }
}

export const activateCharterDocInput = z.object({
  id: z.string({ error: 'Choose a document' }).trim().min(1, { message: 'Choose a document' }).max(100, { message: 'Choose a document' }),
});

/** Makes this version the active one of its type; the database retires the previous one. */
export async function activateCharterDoc(
  tx: Database,
  { organisationId, approvedBy, id }: z.output<typeof activateCharterDocInput> & { organisationId: string; approvedBy: string },
) {
  const [row] = await tx
    .update(charterDocs)
    .set({ isActive: true, approvedBy, approvedAt: new Date() })
    .where(and(eq(charterDocs.organisationId, organisationId), eq(charterDocs.id, id), isNull(charterDocs.deletedAt)))
    .returning({ id: charterDocs.id, docTypeKey: charterDocs.docTypeKey });
  if (!row) throw new ActionError('not_found', 'There is no such charter document in this organisation.');
  return row;
}

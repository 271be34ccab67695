import { z } from 'zod';

/** An id in a path or body: trimmed, 1 to 200 characters, no control characters. */
export const idParam = (what: string) =>
  z
    .string({ error: `Name the ${what}` })
    .trim()
    .min(1, { message: `Name the ${what}` })
    .max(200, { message: 'Use at most 200 characters' })
    .regex(/^[^\u0000-\u001f\u007f]+$/, { message: 'Use no control characters' });

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max.toLocaleString('en')} characters` })
    .regex(/^[^\u0000]*$/, { message: 'Use no NUL characters' });

export const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => v || undefined);

export const pageInput = {
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number({ error: 'Give a whole number from 1 to 100' }).int().min(1).max(100).default(50),
};

export const timestamp = z.iso.datetime({ offset: true });

export const leaseOutput = z.object({ id: z.string(), ttlSeconds: z.number().int(), expiresAt: timestamp });

import { z } from 'zod';

/**
 * A list of repository paths as a form or an agent sends it: one text, one path per line, or an
 * array. Bounded before it is split (issue 12: every string a caller sends has a maximum length);
 * absent is the empty list. The policy's forbidden and protected paths and an assignment's allowed
 * paths read it the same way.
 */
export const pathList = z
  .union([
    z.string().max(51_000, { message: 'Give at most 100 paths of 500 characters' }),
    z.array(z.string().max(500, { message: 'Use at most 500 characters per path' })).max(100, { message: 'Give at most 100 paths' }),
  ])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : v.split('\n')).map((p) => p.trim()).filter(Boolean))
  .pipe(
    z
      .array(
        z
          .string()
          .max(500, { message: 'Use at most 500 characters per path' })
          .regex(/^[^\u0000]*$/, { message: 'A path cannot hold a NUL character' }),
      )
      .max(100, { message: 'Give at most 100 paths' }),
  );

import { z } from 'zod';

import { decimal } from '../validation/fields';
import { BOARD_KINDS, parseScope, type BoardFilters } from './kinds';

const filterValue = z
  .string()
  .trim()
  .max(200, 'At most 200 characters.')
  .optional()
  .transform((v) => v || undefined);

/** A board as named in a URL or a request: kind, scope and filters. */
export const boardQueryInput = z
  .object({
    kind: z.enum(BOARD_KINDS, { message: 'Choose a kind of board: cr, roadmap, task, card or bug.' }),
    scope: z
      .string()
      .max(300)
      .transform((value, ctx) => {
        const scope = parseScope(value);
        if (!scope) {
          ctx.addIssue({ code: 'custom', message: 'A scope looks like program:<id>, product:<id>, wave:<id> or project:<id>.' });
          return z.NEVER;
        }
        return scope;
      }),
    owner: filterValue,
    type: filterValue,
    size: filterValue,
    severity: filterValue,
    phase: filterValue,
    q: filterValue,
  })
  .transform(({ kind, scope, ...filters }) => ({ kind, scope, filters: filters as BoardFilters }));

export const columnPageInput = z
  .object({
    status: z.string().trim().min(1).max(100),
    afterRank: decimal({ min: -1e15, max: 1e15 }).optional(),
    afterId: z.string().max(200).optional(),
  })
  .and(boardQueryInput);

export const boardChangesInput = z
  .object({ since: decimal({ min: 0, max: 4_102_444_800_000, message: 'since: a time in milliseconds since 1970' }) })
  .and(boardQueryInput);

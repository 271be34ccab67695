import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { integer } from '../validation/fields';
import { STALL_THRESHOLD_RANGE } from './stalls';

const { min, max } = STALL_THRESHOLD_RANGE;

export const updateStallThresholdInput = z.object({
  /** The organisation the page shows (see assertSameOrganisation). */
  organisationId: z.string().min(1).max(100),
  seconds: integer({ min, max, message: `Give a whole number of seconds from ${min} to ${max} (the Foreman settings’ range)` }),
});

/** Sets how long a builder may stay silent before it counts as stalled (CHECK organisations_stall_threshold_check). */
export async function updateStallThreshold(
  tx: Database,
  { organisationId, seconds }: { organisationId: string; seconds: number },
): Promise<{ seconds: number }> {
  await tx.execute(sql`UPDATE organisations SET stall_threshold_seconds = ${seconds}, updated_at = now() WHERE id = ${organisationId}`);
  return { seconds };
}

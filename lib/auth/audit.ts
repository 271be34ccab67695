import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { auditLog } from '../db/schema';

export interface AuthEvent {
  action: 'sign_in' | 'sign_in_failed' | 'sign_in_rate_limited' | 'sign_out' | 'password_change' | 'password_reset';
  /** 'user:<id>' when the account is known, else 'email:<address>'. */
  actor: string;
  resourceId: string;
  context: Record<string, unknown>;
}

/**
 * Writes an account event to the append-only audit log. Signing in happens before any
 * organisation is chosen, so these rows are instance-wide (organisation_id NULL) and are written
 * on the connection's own user, like the auth library's own writes. Role and token changes are
 * audited by triggers inside the organisation (migration auth_rules).
 */
export async function recordAuthEvent(db: Database, event: AuthEvent): Promise<void> {
  await db.insert(auditLog).values({
    organisationId: null,
    eventType: 'auth',
    actor: event.actor,
    resourceType: 'user',
    resourceId: event.resourceId,
    action: event.action,
    context: event.context,
    instanceId: sql`current_instance_id()`,
  });
}

import type { MemberCaller } from './identity';
import type { Role } from '../organisations/permissions';

/**
 * A signed-in member of `organisationId`, for tests that call a page's data function directly
 * (those read inside the member's organisation; nothing here is checked against the database).
 */
export function callerIn(organisationId: string, role: Role = 'owner'): MemberCaller {
  return {
    kind: 'member',
    userId: 'test-user',
    name: 'Test member',
    email: 'member@example.test',
    sessionId: 'test-session',
    organisationId,
    role,
    organisations: [{ id: organisationId, slug: 'test', name: 'Test organisation', role }],
  };
}

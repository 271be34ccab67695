import 'server-only';

import { cache } from 'react';

import { requireMember } from '../auth/current-member';
import { getOrganisationSummary, type OrganisationSummary } from './summary';

export type { OrganisationSummary };

/**
 * The organisation the signed-in member works in (their session's choice, else the one they
 * joined first). A visitor who is not signed in is sent to sign in.
 */
export const getCurrentOrganisation = cache(async (): Promise<OrganisationSummary> => {
  const member = await requireMember();
  return getOrganisationSummary(member);
});

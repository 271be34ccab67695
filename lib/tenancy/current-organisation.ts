import 'server-only';

import { eq } from 'drizzle-orm';
import { cache } from 'react';

import { requireMember } from '../auth/current-member';
import { withOrganisation } from '../db/client';
import { organisations } from '../db/schema';

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
}

/**
 * The organisation the signed-in member works in (their session's choice, else their first),
 * read inside that organisation. A visitor who is not signed in is sent to sign in.
 */
export const getCurrentOrganisation = cache(async (): Promise<OrganisationSummary> => {
  const member = await requireMember();
  const org = await withOrganisation(member.organisationId, async (tx) => {
    const [row] = await tx
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, member.organisationId));
    return row;
  });
  if (!org) throw new Error(`Organisation ${member.organisationId} is not visible inside itself`);
  return org;
});

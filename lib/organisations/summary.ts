import 'server-only';

import { eq } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import { organisations } from '../db/schema';
import type { OrganisationCaller } from '../auth/identity';

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
}

/** An organisation's name and slug, read inside it (row-level security shows it only its own row). */
export async function getOrganisationSummary(member: OrganisationCaller): Promise<OrganisationSummary> {
  const { organisationId } = member;
  const org = await withOrganisation(organisationId, async (tx) => {
    const [row] = await tx
      .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    return row;
  });
  if (!org) throw new Error(`Organisation ${organisationId} is not visible inside itself`);
  return org;
}

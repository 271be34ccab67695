import 'server-only';

import { and, asc, desc, eq, isNull } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { changeRequests, features, products, programs, waves } from '../db/schema';
import { getDomainTerms, type Term } from '../portfolio/terminology';

/** The terminology domains the plan's forms offer, in each domain's order (the first is the default where the column has none). */
export const FORM_DOMAINS = [
  'program_type',
  'product_status',
  'feature_status',
  'release_type',
  'release_status',
  'cr_type',
  'cr_status',
  'bug_severity',
  'roadmap_phase',
  'roadmap_status',
] as const;
export type FormDomain = (typeof FORM_DOMAINS)[number];

export interface PlanOptions {
  programs: { id: string; name: string }[];
  products: { id: string; name: string; programId: string }[];
  features: { id: string; name: string; productId: string }[];
  waves: { id: string; name: string; programId: string; sequence: number }[];
  /** The newest live change requests (a bug's fix). */
  changeRequests: { id: string; title: string; productId: string | null }[];
  terms: Record<FormDomain, Term[]>;
}

/** What the plan's forms choose from: the live items of the organisation (row-level security keeps it to the caller's). */
export async function getPlanOptions(tx: Database, organisationId: string): Promise<PlanOptions> {
  const [programRows, productRows, featureRows, waveRows, crRows] = [
    await tx
      .select({ id: programs.id, name: programs.name })
      .from(programs)
      .where(and(eq(programs.organisationId, organisationId), isNull(programs.deletedAt)))
      .orderBy(asc(programs.name)),
    await tx
      .select({ id: products.id, name: products.name, programId: products.programId })
      .from(products)
      .where(and(eq(products.organisationId, organisationId), isNull(products.deletedAt)))
      .orderBy(asc(products.name)),
    await tx
      .select({ id: features.id, name: features.name, productId: features.productId })
      .from(features)
      .where(and(eq(features.organisationId, organisationId), isNull(features.deletedAt)))
      .orderBy(asc(features.name)),
    await tx
      .select({ id: waves.waveId, name: waves.name, programId: waves.programId, sequence: waves.sequenceNumber })
      .from(waves)
      .where(and(eq(waves.organisationId, organisationId), isNull(waves.deletedAt)))
      .orderBy(asc(waves.programId), asc(waves.sequenceNumber)),
    await tx
      .select({ id: changeRequests.id, title: changeRequests.title, productId: changeRequests.productId })
      .from(changeRequests)
      .where(and(eq(changeRequests.organisationId, organisationId), isNull(changeRequests.deletedAt)))
      .orderBy(desc(changeRequests.createdAt))
      .limit(500),
  ];
  const terms = {} as Record<FormDomain, Term[]>;
  for (const domain of FORM_DOMAINS) terms[domain] = await getDomainTerms(tx, domain);
  return { programs: programRows, products: productRows, features: featureRows, waves: waveRows, changeRequests: crRows, terms };
}

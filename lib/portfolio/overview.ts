import 'server-only';

import { z } from 'zod';
import { and, asc, count, eq, gte, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { features, products, programs, releases } from '../db/schema';
import { readReleaseVerdicts } from '../releases/release-verdict';
import type { Verdict } from '../releases/verdict';
import { getTermLookup, type Term } from './terminology';
import type { OrganisationCaller } from '../auth/identity';

/**
 * How many programs one page of the overview shows (in flight first); the figures count them all
 * and the page links to the next. At scale L the thirteen programs' cards were 1.4 MB of HTML.
 */
export const PROGRAMS_PER_PAGE = 4;
/** The overview's URL parameters: the page of programs; anything unexpected is the first. */
export const overviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

/** How many features and releases a product shows on the overview; counts cover the rest. */
const FEATURES_PER_PRODUCT = 8;
const RELEASES_PER_PRODUCT = 4;
const UPCOMING_RELEASES = 6;
const CLOSED_RELEASE_STATUSES = ['published', 'archived'];
/** Programs in flight first, then those not started, then finished ones. */
const STATE_ORDER = sql`array_position(array['in-progress', 'blocked', 'planned', 'completed', 'failed'], ${programs.state})`;

export interface ReleaseSummary {
  id: string;
  name: string;
  type: Term;
  status: Term;
  targetDate: string | null;
  publishedAt: Date | null;
  /** Whether it may ship (v_release_verdict), the same verdict as the releases list and review. */
  verdict: Verdict;
}

export interface ProductSummary {
  id: string;
  name: string;
  version: string;
  status: Term;
  featureCount: number;
  features: { id: string; name: string; status: Term }[];
  releases: ReleaseSummary[];
}

export interface ProgramSummary {
  id: string;
  name: string;
  description: string | null;
  type: Term;
  status: Term;
  state: string;
  progress: number;
  owner: string | null;
  products: ProductSummary[];
}

export interface UpcomingRelease extends ReleaseSummary {
  productId: string;
  productName: string;
  programId: string | null;
  programName: string;
}

export interface Overview {
  figures: {
    programs: number;
    products: number;
    features: number;
    featuresByStatus: (Term & { count: number })[];
    upcomingReleases: number;
  };
  /** One page of the programs, in flight first. */
  programs: ProgramSummary[];
  /** Which page (from 1) and how many there are; the programs figure counts every program. */
  page: number;
  pageCount: number;
  upcoming: UpcomingRelease[];
}

/**
 * Everything the overview page shows for one organisation, from the live (not deleted) rows,
 * read inside that organisation: row-level security hides every other organisation's rows, and
 * the explicit organisation filters below let the indexes serve each query.
 */
export async function getOverview(
  member: OrganisationCaller,
  { today = new Date().toISOString().slice(0, 10), page = 1 }: { today?: string; page?: number } = {},
): Promise<Overview> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (db) => readOverview(db, organisationId, today, Math.max(1, Math.floor(page))));
}

async function readOverview(db: Database, organisationId: string, today: string, page: number): Promise<Overview> {
  const termLookup = getTermLookup(db, ['program_type', 'product_status', 'feature_status', 'release_type', 'release_status']);

  const livePrograms = and(eq(programs.organisationId, organisationId), isNull(programs.deletedAt));
  const programQuery = db
    .select()
    .from(programs)
    .where(livePrograms)
    .orderBy(STATE_ORDER, asc(programs.name), asc(programs.id))
    .limit(PROGRAMS_PER_PAGE)
    .offset((page - 1) * PROGRAMS_PER_PAGE);
  const programCountQuery = db.select({ count: count() }).from(programs).where(livePrograms);
  // The page's programs, as a subquery: their products, features and releases come in the same round trip.
  const pageProgramIds = db
    .select({ id: programs.id })
    .from(programs)
    .where(livePrograms)
    .orderBy(STATE_ORDER, asc(programs.name), asc(programs.id))
    .limit(PROGRAMS_PER_PAGE)
    .offset((page - 1) * PROGRAMS_PER_PAGE);

  const liveProducts = and(eq(products.organisationId, organisationId), isNull(products.deletedAt));
  const productQuery = db
    .select()
    .from(products)
    .where(and(liveProducts, inArray(products.programId, pageProgramIds)))
    .orderBy(asc(products.name));
  const productCountQuery = db.select({ count: count() }).from(products).where(liveProducts);
  const pageProductIds = db
    .select({ id: products.id })
    .from(products)
    .where(and(liveProducts, inArray(products.programId, pageProgramIds)));

  const rankedFeatures = db.$with('ranked_features').as(
    db
      .select({
        id: features.id,
        productId: features.productId,
        name: features.name,
        statusKey: features.statusKey,
        rank: sql<number>`row_number() over (partition by ${features.productId} order by ${features.name})`.as('rank'),
        total: sql<number>`count(*) over (partition by ${features.productId})`.as('total'),
      })
      .from(features)
      .where(and(eq(features.organisationId, organisationId), isNull(features.deletedAt), inArray(features.productId, pageProductIds))),
  );
  const featureQuery = db.with(rankedFeatures).select().from(rankedFeatures).where(lte(rankedFeatures.rank, FEATURES_PER_PRODUCT));

  const featureStatusQuery = db
    .select({ statusKey: features.statusKey, count: count() })
    .from(features)
    .where(and(eq(features.organisationId, organisationId), isNull(features.deletedAt)))
    .groupBy(features.statusKey);

  const rankedReleases = db.$with('ranked_releases').as(
    db
      .select({
        id: releases.id,
        productId: releases.productId,
        name: releases.name,
        typeKey: releases.typeKey,
        statusKey: releases.statusKey,
        targetDate: releases.targetDate,
        publishedAt: releases.publishedAt,
        rank: sql<number>`row_number() over (partition by ${releases.productId} order by ${releases.targetDate} desc nulls first)`.as('rank'),
      })
      .from(releases)
      .where(and(eq(releases.organisationId, organisationId), isNull(releases.deletedAt), inArray(releases.productId, pageProductIds))),
  );
  const releaseQuery = db.with(rankedReleases).select().from(rankedReleases).where(lte(rankedReleases.rank, RELEASES_PER_PRODUCT));

  const upcomingWhere = and(
    eq(releases.organisationId, organisationId),
    isNull(releases.deletedAt),
    gte(releases.targetDate, today),
    notInArray(releases.statusKey, CLOSED_RELEASE_STATUSES),
  );
  const upcomingQuery = db
    .select({
      id: releases.id,
      name: releases.name,
      typeKey: releases.typeKey,
      statusKey: releases.statusKey,
      targetDate: releases.targetDate,
      publishedAt: releases.publishedAt,
      productId: releases.productId,
      productName: products.name,
      programId: products.programId,
      programName: programs.name,
    })
    .from(releases)
    .innerJoin(products, and(eq(products.organisationId, releases.organisationId), eq(products.id, releases.productId)))
    .innerJoin(programs, and(eq(programs.organisationId, products.organisationId), eq(programs.id, products.programId)))
    .where(upcomingWhere)
    .orderBy(asc(releases.targetDate), asc(releases.name))
    .limit(UPCOMING_RELEASES);
  const upcomingCountQuery = db.select({ count: count() }).from(releases).where(upcomingWhere);

  // Independent reads, sent together on the transaction's connection (postgres pipelines them).
  const [term, programRows, [programCount], productRows, [productCount], featureRows, featureStatusRows, releaseRows, upcomingRows, [upcomingCount]] =
    await Promise.all([
      termLookup,
      programQuery,
      programCountQuery,
      productQuery,
      productCountQuery,
      featureQuery,
      featureStatusQuery,
      releaseQuery,
      upcomingQuery,
      upcomingCountQuery,
    ]);

  const verdicts = await readReleaseVerdicts(db, organisationId, [...new Set([...releaseRows, ...upcomingRows].map((row) => row.id))]);
  type ReleaseRow = Pick<(typeof releaseRows)[number], 'id' | 'name' | 'typeKey' | 'statusKey' | 'targetDate' | 'publishedAt'>;
  const toRelease = (row: ReleaseRow): ReleaseSummary => ({
    id: row.id,
    name: row.name,
    type: term('release_type', row.typeKey),
    status: term('release_status', row.statusKey),
    targetDate: row.targetDate,
    publishedAt: row.publishedAt,
    verdict: verdicts.get(row.id)!,
  });

  const productsById = new Map<string, ProductSummary & { programId: string }>();
  for (const row of productRows) {
    productsById.set(row.id, {
      id: row.id,
      programId: row.programId,
      name: row.name,
      version: row.version,
      status: term('product_status', row.statusKey),
      featureCount: 0,
      features: [],
      releases: [],
    });
  }
  for (const row of featureRows) {
    const product = productsById.get(row.productId);
    if (!product) continue;
    product.featureCount = Number(row.total);
    product.features.push({ id: row.id, name: row.name, status: term('feature_status', row.statusKey) });
  }
  for (const row of releaseRows.toSorted((a, b) => Number(a.rank) - Number(b.rank))) {
    productsById.get(row.productId)?.releases.push(toRelease(row));
  }

  const programList: ProgramSummary[] = programRows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    type: term('program_type', row.typeKey),
    status: term('product_status', row.statusKey),
    state: row.state,
    progress: row.progressPercentage,
    owner: row.owner,
    products: [...productsById.values()].filter((product) => product.programId === row.id).map(({ programId: _programId, ...product }) => product),
  }));

  const upcoming = upcomingRows.map((row) => ({
    ...toRelease(row),
    productId: row.productId,
    productName: row.productName,
    programId: row.programId,
    programName: row.programName,
  }));

  const featuresByStatus = featureStatusRows
    .map((row) => ({ ...term('feature_status', row.statusKey), count: Number(row.count) }))
    .sort((a, b) => b.count - a.count);

  return {
    figures: {
      programs: Number(programCount?.count ?? 0),
      products: Number(productCount?.count ?? 0),
      features: featuresByStatus.reduce((sum, s) => sum + s.count, 0),
      featuresByStatus,
      upcomingReleases: Number(upcomingCount?.count ?? 0),
    },
    programs: programList,
    page,
    pageCount: Math.max(1, Math.ceil(Number(programCount?.count ?? 0) / PROGRAMS_PER_PAGE)),
    upcoming,
  };
}

import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import type { MemberCaller } from '../auth/identity';
import { listBlockers } from '../blockers/desk';
import { deskQuery } from '../blockers/filters';
import { builderSelect, toBuilderSummary, type RawBuilder } from '../foreman/fleet';
import { withOrganisation } from '../db/client';
import { rows } from '../roadmap/sql';
import { readProgramWaves } from '../roadmap/waves';
import { objectivesOf, readBugs, readCrs, readFeatures, readOpenCrs, readProducts, readReleases } from './page-lists';
import { PAGE_LIST_LIMIT } from './page-limits';
import type { BugPage, FeaturePage, ProductPage, ProgramPage } from './page-types';
import { getTermLookup } from './terminology';

/**
 * The pages of a program, a product, a feature and a bug. Each reads inside the signed-in
 * member's organisation (row-level security hides every other one), so an id of another
 * organisation reads as no such thing: the page answers 404.
 */
type Member = Pick<MemberCaller, 'organisationId'>;

const DOMAINS = [
  'program_type',
  'product_status',
  'feature_status',
  'release_type',
  'release_status',
  'cr_status',
  'bug_severity',
  'bug_status',
  'roadmap_phase',
  'roadmap_status',
];

export async function getProgramPage(member: Member, id: string): Promise<ProgramPage | null> {
  const organisationId = member.organisationId;
  return withOrganisation(organisationId, async (tx) => {
    const [row] = await rows<{
      id: string;
      name: string;
      description: string | null;
      type_key: string;
      status_key: string;
      state: string;
      progress_percentage: number;
      owner: string | null;
      objectives: string[] | string | null;
    }>(
      tx,
      sql`SELECT id, name, description, type_key, status_key, state, progress_percentage, owner, objectives
          FROM programs WHERE organisation_id = ${organisationId} AND id = ${id} AND deleted_at IS NULL`,
    );
    if (!row) return null;
    const term = await getTermLookup(tx, DOMAINS);
    const inProgram = sql`p.organisation_id = ${organisationId} AND p.program_id = ${id} AND p.deleted_at IS NULL`;

    const products = await readProducts(tx, term, inProgram);
    const features = await readFeatures(tx, term, inProgram);
    const featureStatuses = await rows<{ key: string; label: string }>(
      tx,
      sql`SELECT internal_key AS key, display_name AS label FROM terminology WHERE domain = 'feature_status' AND deleted_at IS NULL ORDER BY sort_order`,
    );
    const featuresByStatus = featureStatuses.map((status) => ({ status, features: features.filter((f) => f.status.key === status.key) }));
    // A status the terminology no longer lists still shows its features.
    for (const f of features) {
      if (!featureStatuses.some((s) => s.key === f.status.key))
        featuresByStatus.push({ status: f.status, features: features.filter((g) => g.status.key === f.status.key) });
    }

    const phases = await rows<{ phase_key: string; total: number; completed: number; in_progress: number; blocked: number }>(
      tx,
      sql`SELECT i.phase_key, count(*)::int AS total,
                 (count(*) FILTER (WHERE i.status_key = 'completed'))::int AS completed,
                 (count(*) FILTER (WHERE i.status_key = 'in_progress'))::int AS in_progress,
                 (count(*) FILTER (WHERE i.status_key = 'blocked'))::int AS blocked
          FROM roadmap_items i
          LEFT JOIN terminology t ON t.domain = 'roadmap_phase' AND t.internal_key = i.phase_key
          WHERE i.organisation_id = ${organisationId} AND i.program_id = ${id} AND i.deleted_at IS NULL
          GROUP BY i.phase_key, t.sort_order ORDER BY t.sort_order NULLS LAST, i.phase_key`,
    );

    const waves = await readProgramWaves(tx, organisationId, id);

    const openCrs = await readOpenCrs(tx, term, organisationId, sql`c.product_id IN (SELECT p.id FROM products p WHERE ${inProgram})`);
    const bugs = await readBugs(tx, term, organisationId, sql`f.product_id IN (SELECT p.id FROM products p WHERE ${inProgram})`);
    const releases = await readReleases(tx, term, organisationId, sql`r.product_id IN (SELECT p.id FROM products p WHERE ${inProgram})`);
    const blockers = await listBlockers(tx, { organisationId, query: deskQuery.parse({ tab: 'open', program: id, size: 50 }) });

    // At work on it: holding one of its Foreman tasks, or an open attempt on one of its roadmap items.
    const builderRows = await rows<RawBuilder>(
      tx,
      sql`${builderSelect(
        organisationId,
        sql`AND (EXISTS (SELECT 1 FROM waves bw WHERE bw.organisation_id = b.organisation_id AND bw.wave_id = t.wave_id AND bw.program_id = ${id})
                 OR EXISTS (SELECT 1 FROM attempts ba JOIN roadmap_items bi ON bi.organisation_id = ba.organisation_id AND bi.id = ba.work_id
                            WHERE ba.organisation_id = b.organisation_id AND ba.worker_id = 'agent:' || b.builder_id
                              AND ba.ended_at IS NULL AND bi.program_id = ${id}))`,
      )} ORDER BY stalled DESC, b.builder_id LIMIT ${PAGE_LIST_LIMIT}`,
    );

    const who = await resolveActors(tx, [row.owner]);
    return {
      asOf: Date.now(),
      program: {
        id: row.id,
        name: row.name,
        description: row.description,
        type: term('program_type', row.type_key),
        status: term('product_status', row.status_key),
        state: row.state,
        progress: Number(row.progress_percentage),
        owner: row.owner ? who(row.owner) : null,
        objectives: objectivesOf(row.objectives),
      },
      products,
      featuresByStatus,
      releases,
      phases: phases.map((p) => ({
        phase: term('roadmap_phase', p.phase_key),
        total: Number(p.total),
        completed: Number(p.completed),
        inProgress: Number(p.in_progress),
        blocked: Number(p.blocked),
        percent: Number(p.total) ? Math.round((100 * Number(p.completed)) / Number(p.total)) : 0,
      })),
      waves: waves.map(({ dependencies: _, ...wave }) => wave),
      openCrs,
      bugs,
      blockers: blockers.rows,
      builders: builderRows.map(toBuilderSummary),
    };
  });
}

export async function getProductPage(member: Member, id: string): Promise<ProductPage | null> {
  const organisationId = member.organisationId;
  return withOrganisation(organisationId, async (tx) => {
    const term = await getTermLookup(tx, DOMAINS);
    const [product] = await readProducts(tx, term, sql`p.organisation_id = ${organisationId} AND p.id = ${id} AND p.deleted_at IS NULL`);
    if (!product) return null;
    const [extra] = await rows<{ description: string | null; repository_url: string | null; program_id: string; program_name: string }>(
      tx,
      sql`SELECT p.description, p.repository_url, g.id AS program_id, g.name AS program_name
          FROM products p JOIN programs g ON g.organisation_id = p.organisation_id AND g.id = p.program_id
          WHERE p.organisation_id = ${organisationId} AND p.id = ${id}`,
    );
    return {
      product: {
        ...product,
        description: extra?.description ?? null,
        repositoryUrl: extra?.repository_url ?? null,
        program: { id: extra?.program_id ?? '', name: extra?.program_name ?? '' },
      },
      features: await readFeatures(tx, term, sql`p.organisation_id = ${organisationId} AND p.id = ${id}`),
      releases: await readReleases(tx, term, organisationId, sql`r.product_id = ${id}`),
      openCrs: await readOpenCrs(tx, term, organisationId, sql`c.product_id = ${id}`),
      bugs: await readBugs(tx, term, organisationId, sql`f.product_id = ${id}`),
    };
  });
}

export async function getFeaturePage(member: Member, id: string): Promise<FeaturePage | null> {
  const organisationId = member.organisationId;
  return withOrganisation(organisationId, async (tx) => {
    const term = await getTermLookup(tx, DOMAINS);
    const [feature] = await readFeatures(tx, term, sql`p.organisation_id = ${organisationId} AND f.id = ${id}`);
    if (!feature) return null;
    const [extra] = await rows<{
      description: string | null;
      introduced_in: string | null;
      deprecated_in: string | null;
      program_id: string;
      program_name: string;
    }>(
      tx,
      sql`SELECT f.description, f.introduced_in, f.deprecated_in, g.id AS program_id, g.name AS program_name
          FROM features f
          JOIN products p ON p.organisation_id = f.organisation_id AND p.id = f.product_id
          JOIN programs g ON g.organisation_id = p.organisation_id AND g.id = p.program_id
          WHERE f.organisation_id = ${organisationId} AND f.id = ${id}`,
    );
    const crs = await readCrs(tx, term, organisationId, sql`c.feature_id = ${id}`, false);
    const items = await rows<{ id: string; title: string; phase_key: string; status_key: string }>(
      tx,
      sql`SELECT id, title, phase_key, status_key FROM roadmap_items
          WHERE organisation_id = ${organisationId} AND feature_id = ${id} AND deleted_at IS NULL
          ORDER BY phase_key, rank NULLS LAST, id LIMIT ${PAGE_LIST_LIMIT}`,
    );
    return {
      feature: {
        ...feature,
        description: extra?.description ?? null,
        introducedIn: extra?.introduced_in ?? null,
        deprecatedIn: extra?.deprecated_in ?? null,
        program: { id: extra?.program_id ?? '', name: extra?.program_name ?? '' },
      },
      bugs: await readBugs(tx, term, organisationId, sql`b.feature_id = ${id}`),
      crs,
      roadmapItems: items.map((i) => ({ id: i.id, title: i.title, phase: term('roadmap_phase', i.phase_key), status: term('roadmap_status', i.status_key) })),
    };
  });
}

export async function getBugPage(member: Member, id: string): Promise<BugPage | null> {
  const organisationId = member.organisationId;
  return withOrganisation(organisationId, async (tx) => {
    const term = await getTermLookup(tx, DOMAINS);
    const [line] = await readBugs(tx, term, organisationId, sql`b.id = ${id}`);
    if (!line) return null;
    const [extra] = await rows<{
      description: string | null;
      reported_by: string | null;
      assigned_to: string | null;
      created_at: Date | string;
      resolved_at: Date | string | null;
      product_id: string;
      product_name: string;
      program_id: string;
      program_name: string;
      cr_title: string | null;
      cr_status: string | null;
    }>(
      tx,
      sql`SELECT b.description, b.reported_by, b.assigned_to, b.created_at, b.resolved_at,
                 p.id AS product_id, p.name AS product_name, g.id AS program_id, g.name AS program_name,
                 c.title AS cr_title, c.status_key AS cr_status
          FROM bugs b
          JOIN features f ON f.organisation_id = b.organisation_id AND f.id = b.feature_id
          JOIN products p ON p.organisation_id = f.organisation_id AND p.id = f.product_id
          JOIN programs g ON g.organisation_id = p.organisation_id AND g.id = p.program_id
          LEFT JOIN change_requests c ON c.organisation_id = b.organisation_id AND c.id = b.fix_cr_id AND c.deleted_at IS NULL
          WHERE b.organisation_id = ${organisationId} AND b.id = ${id}`,
    );
    if (!extra) return null;
    const who = await resolveActors(tx, [extra.reported_by, extra.assigned_to]);
    return {
      bug: {
        ...line,
        description: extra.description,
        product: { id: extra.product_id, name: extra.product_name },
        program: { id: extra.program_id, name: extra.program_name },
        reportedBy: extra.reported_by ? who(extra.reported_by) : null,
        assignedTo: extra.assigned_to ? who(extra.assigned_to) : null,
        fixCr: line.fixCrId && extra.cr_title ? { id: line.fixCrId, title: extra.cr_title, status: term('cr_status', extra.cr_status ?? '') } : null,
        createdAt: new Date(extra.created_at),
        resolvedAt: extra.resolved_at ? new Date(extra.resolved_at) : null,
      },
    };
  });
}

const EXISTS: Record<'program' | 'product' | 'feature' | 'bug', (organisationId: string, id: string) => SQL> = {
  program: (org, id) => sql`SELECT 1 AS found FROM programs WHERE organisation_id = ${org} AND id = ${id} AND deleted_at IS NULL`,
  product: (org, id) => sql`SELECT 1 AS found FROM products WHERE organisation_id = ${org} AND id = ${id} AND deleted_at IS NULL`,
  feature: (org, id) => sql`SELECT 1 AS found FROM features WHERE organisation_id = ${org} AND id = ${id} AND deleted_at IS NULL`,
  bug: (org, id) => sql`SELECT 1 AS found FROM bugs WHERE organisation_id = ${org} AND id = ${id} AND deleted_at IS NULL`,
};

/**
 * Whether the member's organisation has this live program, product, feature or bug. The pages'
 * layouts ask before their loading skeleton streams, so that an unknown id answers 404 (once a
 * page has started streaming, its status can no longer change).
 */
export async function entityExists(member: Member, kind: keyof typeof EXISTS, id: string): Promise<boolean> {
  const found = await withOrganisation(member.organisationId, (tx) => rows<{ found: number }>(tx, EXISTS[kind](member.organisationId, id)));
  return found.length > 0;
}

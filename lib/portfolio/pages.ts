import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import { resolveActors } from '../auth/actors';
import type { MemberCaller } from '../auth/identity';
import { listBlockers, type BlockerRow } from '../blockers/desk';
import { deskQuery } from '../blockers/filters';
import { builderSelect, toBuilderSummary, type BuilderSummary, type RawBuilder } from '../builders/fleet';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { readReleaseVerdicts } from '../releases/release-verdict';
import type { Verdict } from '../releases/verdict';
import { rows } from '../roadmap/sql';
import { getTermLookup, type Term, type TermLookup } from './terminology';

/**
 * The pages of a program, a product, a feature and a bug. Each reads inside the signed-in
 * member's organisation (row-level security hides every other one), so an id of another
 * organisation reads as no such thing: the page answers 404.
 */
type Member = Pick<MemberCaller, 'organisationId'>;

export interface Ref {
  id: string;
  name: string;
}

export interface ReleaseLine {
  id: string;
  name: string;
  product: Ref;
  type: Term;
  status: Term;
  targetDate: string | null;
  /** From v_release_verdict, as the releases list and review show it. */
  verdict: Verdict;
}

export interface CrLine {
  id: string;
  title: string;
  status: Term;
  size: string;
  owner: string | null;
  product: Ref | null;
  feature: Ref | null;
  targetVersion: string | null;
}

/** A row of v_bugs_by_version, with the ids its names stand for. */
export interface BugLine {
  id: string;
  title: string;
  feature: Ref;
  featureVersion: string;
  severity: Term;
  status: Term;
  fixCrId: string | null;
  fixedInVersion: string | null;
}

export interface FeatureLine extends Ref {
  status: Term;
  product: Ref;
  version: string | null;
}

export interface ProductLine extends Ref {
  version: string;
  status: Term;
  features: number;
  openBugs: number;
  openCrs: number;
}

export interface PhaseProgress {
  phase: Term;
  total: number;
  completed: number;
  inProgress: number;
  blocked: number;
  percent: number;
}

export interface WaveLine {
  id: string;
  name: string;
  sequence: number;
  state: string;
  /** Rolled up from the wave's tasks by the database (tasks_progress_rollup). */
  progress: number;
  tasksDone: number;
  tasksTotal: number;
}

export interface ProgramPage {
  program: {
    id: string;
    name: string;
    description: string | null;
    type: Term;
    status: Term;
    state: string;
    progress: number;
    owner: string | null;
    objectives: string[];
  };
  products: ProductLine[];
  /** Every status of the feature_status domain in order, with the program's features in it (empty ones too). */
  featuresByStatus: { status: Term; features: FeatureLine[] }[];
  releases: ReleaseLine[];
  phases: PhaseProgress[];
  waves: WaveLine[];
  openCrs: CrLine[];
  bugs: BugLine[];
  blockers: BlockerRow[];
  builders: BuilderSummary[];
}

/** How many rows a list on a page shows at most; the heading says when there are more. */
export const PAGE_LIST_LIMIT = 50;

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

    const waves = await rows<{
      wave_id: string;
      name: string;
      sequence_number: number;
      state: string;
      progress_percentage: number;
      done: number;
      total: number;
    }>(
      tx,
      sql`SELECT w.wave_id::text AS wave_id, w.name, w.sequence_number, w.state, w.progress_percentage, t.done, t.total
          FROM waves w
          CROSS JOIN LATERAL (
            SELECT (count(*) FILTER (WHERE k.state = 'completed'))::int AS done, count(*)::int AS total
            FROM tasks k WHERE k.organisation_id = w.organisation_id AND k.wave_id = w.wave_id AND k.deleted_at IS NULL
          ) AS t
          WHERE w.organisation_id = ${organisationId} AND w.program_id = ${id} AND w.deleted_at IS NULL
          ORDER BY w.sequence_number`,
    );

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
      waves: waves.map((w) => ({
        id: w.wave_id,
        name: w.name,
        sequence: Number(w.sequence_number),
        state: w.state,
        progress: Number(w.progress_percentage),
        tasksDone: Number(w.done),
        tasksTotal: Number(w.total),
      })),
      openCrs,
      bugs,
      blockers: blockers.rows,
      builders: builderRows.map(toBuilderSummary),
    };
  });
}

export interface ProductPage {
  product: ProductLine & { description: string | null; repositoryUrl: string | null; program: Ref };
  features: FeatureLine[];
  releases: ReleaseLine[];
  openCrs: CrLine[];
  bugs: BugLine[];
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

export interface RoadmapLine {
  id: string;
  title: string;
  phase: Term;
  status: Term;
}

export interface FeaturePage {
  feature: FeatureLine & { description: string | null; introducedIn: string | null; deprecatedIn: string | null; program: Ref };
  bugs: BugLine[];
  /** Every live change request of the feature, open ones first. */
  crs: CrLine[];
  roadmapItems: RoadmapLine[];
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

export interface BugPage {
  bug: BugLine & {
    description: string | null;
    product: Ref;
    program: Ref;
    reportedBy: string | null;
    assignedTo: string | null;
    fixCr: { id: string; title: string; status: Term } | null;
    createdAt: Date;
    resolvedAt: Date | null;
  };
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

// ---------------------------------------------------------------------------------------------
// The lists the pages share.
// ---------------------------------------------------------------------------------------------

function objectivesOf(value: string[] | string | null): string[] {
  if (!value) return [];
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
}

/** Products matching `where` (on products `p`), with their counts. */
async function readProducts(tx: Database, term: TermLookup, where: SQL): Promise<ProductLine[]> {
  const list = await rows<{ id: string; name: string; version: string; status_key: string; features: number; open_bugs: number; open_crs: number }>(
    tx,
    sql`SELECT p.id, p.name, p.version, p.status_key,
               (SELECT count(*)::int FROM features f WHERE f.organisation_id = p.organisation_id AND f.product_id = p.id AND f.deleted_at IS NULL) AS features,
               (SELECT count(*)::int FROM bugs b JOIN features f ON f.organisation_id = b.organisation_id AND f.id = b.feature_id
                 WHERE b.organisation_id = p.organisation_id AND f.product_id = p.id AND b.deleted_at IS NULL
                   AND b.status_key NOT IN ('fixed', 'verified', 'wont_fix')) AS open_bugs,
               (SELECT count(*)::int FROM change_requests c
                 WHERE c.organisation_id = p.organisation_id AND c.product_id = p.id AND c.deleted_at IS NULL AND c.status_key <> 'done') AS open_crs
        FROM products p WHERE ${where} ORDER BY p.name LIMIT ${PAGE_LIST_LIMIT}`,
  );
  return list.map((p) => ({
    id: p.id,
    name: p.name,
    version: p.version,
    status: term('product_status', p.status_key),
    features: Number(p.features),
    openBugs: Number(p.open_bugs),
    openCrs: Number(p.open_crs),
  }));
}

/** Live features whose product `p` matches `where` (features `f`). */
async function readFeatures(tx: Database, term: TermLookup, where: SQL): Promise<FeatureLine[]> {
  const list = await rows<{ id: string; name: string; status_key: string; version: string | null; product_id: string; product_name: string }>(
    tx,
    sql`SELECT f.id, f.name, f.status_key, f.version, p.id AS product_id, p.name AS product_name
        FROM features f JOIN products p ON p.organisation_id = f.organisation_id AND p.id = f.product_id
        WHERE ${where} AND f.deleted_at IS NULL ORDER BY p.name, f.name LIMIT 500`,
  );
  return list.map((f) => ({
    id: f.id,
    name: f.name,
    status: term('feature_status', f.status_key),
    version: f.version,
    product: { id: f.product_id, name: f.product_name },
  }));
}

/** Live releases matching `where` (releases `r`), newest target first, with their verdicts. */
async function readReleases(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<ReleaseLine[]> {
  const list = await rows<{
    id: string;
    name: string;
    type_key: string;
    status_key: string;
    target_date: string | null;
    product_id: string;
    product_name: string;
  }>(
    tx,
    sql`SELECT r.id, r.name, r.type_key, r.status_key, r.target_date::text AS target_date, p.id AS product_id, p.name AS product_name
        FROM releases r JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
        WHERE r.organisation_id = ${organisationId} AND r.deleted_at IS NULL AND ${where}
        ORDER BY r.target_date DESC NULLS FIRST, r.name LIMIT ${PAGE_LIST_LIMIT}`,
  );
  const verdicts = await readReleaseVerdicts(
    tx,
    organisationId,
    list.map((r) => r.id),
  );
  return list.map((r) => ({
    id: r.id,
    name: r.name,
    product: { id: r.product_id, name: r.product_name },
    type: term('release_type', r.type_key),
    status: term('release_status', r.status_key),
    targetDate: r.target_date,
    verdict: verdicts.get(r.id)!,
  }));
}

/** Open change requests (v_open_crs) matching `where` (change requests `c`). */
function readOpenCrs(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<CrLine[]> {
  return readCrs(tx, term, organisationId, where, true);
}

async function readCrs(tx: Database, term: TermLookup, organisationId: string, where: SQL, openOnly: boolean): Promise<CrLine[]> {
  const source = openOnly ? sql`v_open_crs v JOIN change_requests c ON c.organisation_id = v.organisation_id AND c.id = v.id` : sql`change_requests c`;
  const list = await rows<{
    id: string;
    title: string;
    status_key: string;
    size: string;
    owner: string | null;
    product_id: string | null;
    product_name: string | null;
    feature_id: string | null;
    feature_name: string | null;
    target_version: string | null;
  }>(
    tx,
    sql`SELECT c.id, c.title, c.status_key, c.size, c.owner, c.product_id, p.name AS product_name, c.feature_id, f.name AS feature_name, c.target_version
        FROM ${source}
        LEFT JOIN products p ON p.organisation_id = c.organisation_id AND p.id = c.product_id
        LEFT JOIN features f ON f.organisation_id = c.organisation_id AND f.id = c.feature_id
        WHERE c.organisation_id = ${organisationId} AND c.deleted_at IS NULL AND ${where}
        ORDER BY c.status_key = 'done', c.created_at DESC LIMIT ${PAGE_LIST_LIMIT}`,
  );
  const who = await resolveActors(
    tx,
    list.map((c) => c.owner),
  );
  return list.map((c) => ({
    id: c.id,
    title: c.title,
    status: term('cr_status', c.status_key),
    size: c.size,
    owner: c.owner ? who(c.owner) : null,
    product: c.product_id ? { id: c.product_id, name: c.product_name ?? c.product_id } : null,
    feature: c.feature_id ? { id: c.feature_id, name: c.feature_name ?? c.feature_id } : null,
    targetVersion: c.target_version,
  }));
}

/** Bugs of v_bugs_by_version (live bugs, worst severity first) matching `where` (bugs `b`, features `f`), grouped by feature version. */
async function readBugs(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<BugLine[]> {
  const list = await rows<{
    id: string;
    title: string;
    feature_id: string;
    feature_name: string;
    feature_version: string;
    severity_key: string;
    status_key: string;
    fix_cr_id: string | null;
    fixed_in_version: string | null;
  }>(
    tx,
    sql`SELECT v.id, v.title, f.id AS feature_id, v.feature_name, v.feature_version, b.severity_key, b.status_key, v.fix_cr_id, v.fixed_in_version
        FROM v_bugs_by_version v
        JOIN bugs b ON b.organisation_id = v.organisation_id AND b.id = v.id
        JOIN features f ON f.organisation_id = b.organisation_id AND f.id = b.feature_id
        WHERE v.organisation_id = ${organisationId} AND ${where}
        ORDER BY f.name, v.feature_version DESC,
                 CASE b.severity_key WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END, v.created_at DESC
        LIMIT ${PAGE_LIST_LIMIT}`,
  );
  return list.map((b) => ({
    id: b.id,
    title: b.title,
    feature: { id: b.feature_id, name: b.feature_name },
    featureVersion: b.feature_version,
    severity: term('bug_severity', b.severity_key),
    status: term('bug_status', b.status_key),
    fixCrId: b.fix_cr_id,
    fixedInVersion: b.fixed_in_version,
  }));
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

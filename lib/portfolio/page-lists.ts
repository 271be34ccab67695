import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import type { Database } from '../db/connection';
import { readReleaseVerdicts } from '../releases/release-verdict';
import { rows } from '../roadmap/sql';
import type { BugLine, CrLine, FeatureLine, ProductLine, ReleaseLine } from './page-types';
import { PAGE_LIST_LIMIT } from './page-limits';
import type { TermLookup } from './terminology';

/** The lists the pages of a program, a product, a feature and a bug share. */
// ---------------------------------------------------------------------------------------------

export function objectivesOf(value: string[] | string | null): string[] {
  if (!value) return [];
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
}

/** Products matching `where` (on products `p`), with their counts. */
export async function readProducts(tx: Database, term: TermLookup, where: SQL): Promise<ProductLine[]> {
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
export async function readFeatures(tx: Database, term: TermLookup, where: SQL): Promise<FeatureLine[]> {
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

/** A release as read for a list: its product's id and name, its terms' keys, its target date as text. */
export interface ReleaseListRow {
  id: string;
  name: string;
  type_key: string;
  status_key: string;
  target_date: string | null;
  product_id: string;
  product_name: string;
}

/** The line of a list of releases, from its row, its terms and its verdict. */
export function releaseLine(r: ReleaseListRow, term: TermLookup) {
  return {
    id: r.id,
    name: r.name,
    product: { id: r.product_id, name: r.product_name },
    type: term('release_type', r.type_key),
    status: term('release_status', r.status_key),
    targetDate: r.target_date,
  };
}

/** Live releases matching `where` (releases `r`), newest target first, with their verdicts. */
export async function readReleases(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<ReleaseLine[]> {
  const list = await rows<ReleaseListRow>(
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
  return list.map((r) => ({ ...releaseLine(r, term), verdict: verdicts.get(r.id)! }));
}

/** Open change requests (v_open_crs) matching `where` (change requests `c`). */
export function readOpenCrs(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<CrLine[]> {
  return readCrs(tx, term, organisationId, where, true);
}

export async function readCrs(tx: Database, term: TermLookup, organisationId: string, where: SQL, openOnly: boolean): Promise<CrLine[]> {
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
export async function readBugs(tx: Database, term: TermLookup, organisationId: string, where: SQL): Promise<BugLine[]> {
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

import 'server-only';

import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { complianceResults, products, programs, releases, standards, terminology } from '../db/schema';
import { getTermLookup, type Term } from '../portfolio/terminology';
import { getDeployGate, type DeployGateView } from './gate';
import { resolveActors } from '../organisations/actors';
import { getReleaseVerdict } from './release-verdict';
import type { ResultKind, Verdict, VerdictReason } from './verdict';
import type { OrganisationCaller } from '../auth/identity';
import type { StandardCheck } from '../standards/standards';

export interface StandardResult {
  id: number;
  result: ResultKind;
  value: string | null;
  message: string | null;
  note: string | null;
  evidenceUrl: string | null;
  entityType: string;
  entityId: string;
  checkedBy: string;
  checkedAt: Date;
}

export interface AppliesThrough {
  entityType: string;
  entityId: string;
  inherited: boolean;
}

export interface ReviewStandard extends StandardCheck {
  id: string;
  name: string;
  description: string | null;
  docPath: string | null;
  level: Term;
  checkType: Term;
  /** Empty when the standard no longer applies but was checked for this release. */
  appliesThrough: AppliesThrough[];
  latest: StandardResult | null;
  /** Every result for this release, newest first (the latest among them). */
  history: StandardResult[];
  /** The live waiver of this standard for the release, when it counts (its latest result does not pass). */
  waiver: VerdictReason['waiver'];
}

export interface ReleaseHeader {
  id: string;
  name: string;
  description: string | null;
  type: Term;
  status: Term;
  targetDate: string | null;
  publishedAt: Date | null;
  product: { id: string; name: string };
  program: { id: string; name: string };
}

export interface ReleaseReview {
  release: ReleaseHeader;
  verdict: Verdict;
  /** Blocking failures first, then other failures, then what has no passing result, then waived ones, then passes. */
  standards: ReviewStandard[];
  gate: DeployGateView;
}

/** The review of one release, or null when the organisation has no such live release. */
export async function getReleaseReview(member: OrganisationCaller, { releaseId }: { releaseId: string }): Promise<ReleaseReview | null> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (tx) => readReleaseReview(tx, { organisationId, releaseId }));
}

export async function readReleaseHeader(tx: Database, releaseId: string): Promise<(ReleaseHeader & { productId: string; programId: string }) | null> {
  const [row] = await tx
    .select({ release: releases, productName: products.name, programId: programs.id, programName: programs.name })
    .from(releases)
    .innerJoin(products, and(eq(products.organisationId, releases.organisationId), eq(products.id, releases.productId)))
    .innerJoin(programs, and(eq(programs.organisationId, products.organisationId), eq(programs.id, products.programId)))
    .where(and(eq(releases.id, releaseId), isNull(releases.deletedAt)));
  if (!row) return null;
  const term = await getTermLookup(tx, ['release_type', 'release_status']);
  const r = row.release;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: term('release_type', r.typeKey),
    status: term('release_status', r.statusKey),
    targetDate: r.targetDate,
    publishedAt: r.publishedAt,
    product: { id: r.productId, name: row.productName },
    program: { id: row.programId, name: row.programName },
    productId: r.productId,
    programId: row.programId,
  };
}

/** Which standards apply to the release, through which assignments (view v_release_standards). */
export async function readApplicableSources(tx: Database, organisationId: string, releaseId: string): Promise<Map<string, AppliesThrough[]>> {
  const rows = rowsOf<{ standard_id: string; entity_type: string; entity_id: string; is_inherited: boolean }>(
    await tx.execute(sql`SELECT standard_id, entity_type, entity_id, is_inherited FROM v_release_standards
                          WHERE organisation_id = ${organisationId} AND release_id = ${releaseId}
                          ORDER BY standard_id, entity_type, entity_id`),
  );
  const sources = new Map<string, AppliesThrough[]>();
  for (const row of rows) {
    const list = sources.get(row.standard_id) ?? [];
    list.push({ entityType: row.entity_type, entityId: row.entity_id, inherited: Boolean(row.is_inherited) });
    sources.set(row.standard_id, list);
  }
  return sources;
}

const GROUP_ORDER = (s: ReviewStandard): number => {
  if (s.appliesThrough.length === 0) return 5;
  if (s.waiver) return 2.5;
  if (s.latest?.result === 'fail') return s.isBlocking ? 0 : 1;
  if (s.latest?.result === 'pass') return 3;
  return 2;
};

export async function readReleaseReview(
  tx: Database,
  { organisationId, releaseId }: { organisationId: string; releaseId: string },
): Promise<ReleaseReview | null> {
  const header = await readReleaseHeader(tx, releaseId);
  if (!header) return null;
  const { productId, programId: _programId, ...release } = header;

  const [verdict, sources, resultRows, term, levelOrder] = await Promise.all([
    getReleaseVerdict(tx, { organisationId, releaseId }),
    readApplicableSources(tx, organisationId, releaseId),
    tx
      .select()
      .from(complianceResults)
      .where(and(eq(complianceResults.organisationId, organisationId), eq(complianceResults.releaseId, releaseId)))
      // Newest first, as compliance_latest_results picks the latest (checked_at, then id).
      .orderBy(asc(complianceResults.standardId), desc(complianceResults.checkedAt), desc(complianceResults.id)),
    getTermLookup(tx, ['standard_level', 'check_type']),
    tx
      .select({ key: terminology.internalKey, sortOrder: terminology.sortOrder })
      .from(terminology)
      .where(and(eq(terminology.domain, 'standard_level'), isNull(terminology.deletedAt))),
  ]);

  const standardIds = [...new Set([...sources.keys(), ...resultRows.map((r) => r.standardId)])];
  const standardRows = standardIds.length
    ? await tx
        .select()
        .from(standards)
        .where(and(eq(standards.organisationId, organisationId), inArray(standards.id, standardIds)))
    : [];
  const actorName = await resolveActors(
    tx,
    resultRows.map((r) => r.checkedBy),
  );

  const history = new Map<string, StandardResult[]>();
  for (const r of resultRows) {
    const list = history.get(r.standardId) ?? [];
    list.push({
      id: r.id,
      result: r.result as ResultKind,
      value: r.resultValue,
      message: r.errorMessage,
      note: r.note,
      evidenceUrl: r.evidenceUrl,
      entityType: r.entityType,
      entityId: r.entityId,
      checkedBy: actorName(r.checkedBy),
      checkedAt: r.checkedAt,
    });
    history.set(r.standardId, list);
  }

  if (!verdict) return null;
  const waivers = new Map(verdict.reasons.map((r) => [r.standardId, r.waiver]));
  const levelRank = new Map(levelOrder.map((l) => [l.key, l.sortOrder]));
  const list: ReviewStandard[] = standardRows
    // A deleted standard shows only if it was checked for this release (its results stay).
    .filter((s) => s.deletedAt === null || history.has(s.id))
    .map((s) => {
      const results = history.get(s.id) ?? [];
      return {
        id: s.id,
        name: s.name,
        description: s.description,
        docPath: s.docPath,
        level: term('standard_level', s.levelKey),
        checkType: term('check_type', s.checkTypeKey),
        checkCommand: s.checkCommand,
        checkPattern: s.checkPattern,
        thresholdMin: s.thresholdMin,
        thresholdMax: s.thresholdMax,
        failureMessage: s.failureMessage,
        isBlocking: s.isBlocking,
        appliesThrough: sources.get(s.id) ?? [],
        latest: results[0] ?? null,
        history: results,
        waiver: waivers.get(s.id) ?? null,
      };
    })
    .sort((a, b) => GROUP_ORDER(a) - GROUP_ORDER(b) || (levelRank.get(a.level.key) ?? 99) - (levelRank.get(b.level.key) ?? 99) || a.id.localeCompare(b.id));

  const gate = await getDeployGate(tx, { organisationId, releaseId, productId, version: release.name });
  return { release, verdict, standards: list, gate };
}

/** Whether a threshold result's value meets the standard's bounds; null when it is not a number or there are none. */
export function meetsThreshold(value: string | null, min: number | null, max: number | null): boolean | null {
  if (value === null || (min === null && max === null)) return null;
  const n = Number(value);
  if (!Number.isFinite(n)) return null;
  return (min === null || n >= min) && (max === null || n <= max);
}

import 'server-only';

import { sql } from 'drizzle-orm';

import type { MemberCaller } from '../auth/identity';
import { ownerIdsOf } from '../board/owners';
import { listBlockers, type BlockerRow } from '../blockers/desk';
import { deskQuery } from '../blockers/filters';
import { builderSelect, toBuilderSummary, type BuilderSummary, type RawBuilder } from '../foreman/fleet';
import { withOrganisation } from '../db/client';
import { verdictFromRow, type Verdict, type VerdictRow } from '../releases/verdict';
import { readBlocked } from '../roadmap/queues';
import { rows, textArray } from '../roadmap/sql';
import { getTermLookup, type Term } from './terminology';

/** How many lines each part of "needs attention" shows; its count says how many there are. */
export const ATTENTION_LINES = 5;

export interface AttentionList<T> {
  items: T[];
  /** How many there are in all (at most 100 counted for the slower reads). */
  total: number;
}

export interface ReleaseAtRisk {
  id: string;
  name: string;
  product: { id: string; name: string };
  targetDate: string | null;
  verdict: Verdict;
}

export interface WaitingItem {
  id: string;
  title: string;
  phase: Term;
  /** The unfinished items it waits on. */
  waitsOn: string[];
}

export interface MyWork {
  kind: 'cr' | 'roadmap' | 'bug';
  id: string;
  title: string;
  status: Term;
}

export interface Attention {
  /** When it was read (ms since the epoch): ages are counted from here. */
  asOf: number;
  blockers: AttentionList<BlockerRow>;
  stalledBuilders: AttentionList<BuilderSummary>;
  releases: AttentionList<ReleaseAtRisk>;
  waiting: AttentionList<WaitingItem>;
  mine: AttentionList<MyWork>;
}

/**
 * What needs someone now, for the overview: open blockers (oldest first), stalled builders,
 * open releases whose verdict is blocked or not ready (soonest first, with the reason), roadmap
 * items waiting on unfinished dependencies, and the open work assigned to the member.
 */
export async function getAttention(member: Pick<MemberCaller, 'kind' | 'userId' | 'organisationId'>): Promise<Attention> {
  const organisationId = member.organisationId;
  return withOrganisation(organisationId, async (tx) => {
    const owners = ownerIdsOf(member);
    // Independent reads, sent together on the transaction's connection (postgres pipelines them).
    const [term, blockers, stalled, atRisk, waiting, mine] = await Promise.all([
      getTermLookup(tx, ['roadmap_phase', 'cr_status', 'roadmap_status', 'bug_status']),
      listBlockers(tx, { organisationId, query: deskQuery.parse({ tab: 'open', sort: 'detected', dir: 'asc', size: 25 }) }),
      rows<RawBuilder>(tx, sql`SELECT * FROM (${builderSelect(organisationId)}) AS s WHERE s.stalled ORDER BY s.last_heartbeat LIMIT 100`),
      // The open releases' verdicts, read once (release_verdicts: v_release_verdict for these
      // releases only; joined to the view, the status filter did not reach it and every release's
      // verdict was computed, 846 ms of the overview's render at scale L under load).
      rows<VerdictRow & { id: string; name: string; target_date: string | null; product_id: string; product_name: string }>(
        tx,
        sql`SELECT r.id, r.name, r.target_date::text AS target_date, p.id AS product_id, p.name AS product_name,
                   v.verdict, v.applicable, v.passing, v.waived, v.reasons
            FROM release_verdicts(${organisationId}::uuid, ARRAY(
                   SELECT o.id FROM releases o
                    WHERE o.organisation_id = ${organisationId} AND o.deleted_at IS NULL AND o.status_key NOT IN ('published', 'archived'))) v
            JOIN releases r ON r.organisation_id = v.organisation_id AND r.id = v.release_id
            JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
            WHERE v.verdict IN ('blocked', 'not_ready')
            ORDER BY r.target_date NULLS LAST, r.name LIMIT 100`,
      ),
      readBlocked(tx, organisationId, 100),
      rows<{ kind: MyWork['kind']; id: string; title: string; status_key: string; updated_at: Date | string }>(
        tx,
        sql`SELECT * FROM (
              SELECT 'cr' AS kind, id, title, status_key, updated_at FROM change_requests
               WHERE organisation_id = ${organisationId} AND deleted_at IS NULL AND status_key <> 'done' AND owner = ANY (${textArray(owners)})
              UNION ALL
              SELECT 'roadmap', id, title, status_key, updated_at FROM roadmap_items
               WHERE organisation_id = ${organisationId} AND deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred') AND owner = ANY (${textArray(owners)})
              UNION ALL
              SELECT 'bug', id, title, status_key, updated_at FROM bugs
               WHERE organisation_id = ${organisationId} AND deleted_at IS NULL AND status_key NOT IN ('fixed', 'verified', 'wont_fix')
                 AND assigned_to = ANY (${textArray(owners)})
            ) AS w ORDER BY updated_at DESC LIMIT 100`,
      ),
    ]);
    const shownReleases = atRisk.slice(0, ATTENTION_LINES);
    const statusDomain = { cr: 'cr_status', roadmap: 'roadmap_status', bug: 'bug_status' } as const;

    return {
      asOf: Date.now(),
      blockers: { items: blockers.rows.slice(0, ATTENTION_LINES), total: blockers.total },
      stalledBuilders: { items: stalled.slice(0, ATTENTION_LINES).map(toBuilderSummary), total: stalled.length },
      releases: {
        items: shownReleases.map((r) => ({
          id: r.id,
          name: r.name,
          product: { id: r.product_id, name: r.product_name },
          targetDate: r.target_date,
          verdict: verdictFromRow(r),
        })),
        total: atRisk.length,
      },
      waiting: {
        items: waiting.slice(0, ATTENTION_LINES).map((w) => ({
          id: w.id,
          title: w.title,
          phase: term('roadmap_phase', w.phase_key),
          waitsOn: (w.blocking_items ?? '').split(', ').filter(Boolean),
        })),
        total: waiting.length,
      },
      mine: {
        items: mine.slice(0, ATTENTION_LINES).map((m) => ({ kind: m.kind, id: m.id, title: m.title, status: term(statusDomain[m.kind], m.status_key) })),
        total: mine.length,
      },
    };
  });
}

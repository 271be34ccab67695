import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import { rowsOf } from '../db/sql';
import type { EntityKind } from '../links/entity-href';
import { resolveActors } from '../organisations/actors';

/**
 * The decisions log beside the audit log: every recorded decision (waivers with their reasons,
 * escalations, approvals, …), newest first, page by page on (decided_at desc, id desc).
 */
export const DECISIONS_PAGE_SIZE = 50;

/** The kinds of decision (CHECK decisions_decision_type_check). */
export const DECISION_TYPES = [
  'approval',
  'waiver',
  'review_passed',
  'review_rejected',
  'plan_committed',
  'completion_accepted',
  'escalation',
  'revocation',
  'draft_emitted',
  'draft_approved',
  'draft_rejected',
] as const;

const CURSOR = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?[+-]\d{2}(?::?\d{2})?)\|([\w.:-]{1,200})$/;

export const decisionsPageInput = z.object({
  before: z
    .string()
    .trim()
    .max(260)
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || CURSOR.test(v), 'The page link is not one Gantry made; start from the newest decisions.'),
  type: z
    .union([z.literal(''), z.enum(DECISION_TYPES, { message: 'Choose a kind of decision from the list.' })])
    .transform((v) => (v === '' ? undefined : v))
    .optional(),
});
export type DecisionsPageInput = z.output<typeof decisionsPageInput>;

export interface DecisionEntry {
  id: string;
  type: string;
  summary: string | null;
  reason: string | null;
  outcome: string;
  authority: string;
  decidedBy: string;
  at: number;
  links: { kind: Exclude<EntityKind, 'wave'>; id: string; label: string }[];
  standardId: string | null;
}

export interface DecisionsPage {
  entries: DecisionEntry[];
  next: string | null;
  types: string[];
}

export async function getDecisions(member: OrganisationCaller, input: DecisionsPageInput): Promise<DecisionsPage> {
  const org = member.organisationId;
  return withOrganisation(org, async (tx) => {
    const after = input.before ? CURSOR.exec(input.before)! : null;
    const rows = rowsOf<{
      id: string;
      ts: string;
      at: number | string;
      decision_type: string;
      decision_summary: string | null;
      reason: string | null;
      rationale: string | null;
      outcome: string;
      authority: string;
      decided_by: string;
      work_id: string | null;
      blocker_id: string | null;
      release_id: string | null;
      standard_id: string | null;
    }>(
      await tx.execute(sql`SELECT d.id, d.decided_at::text AS ts, (extract(epoch from d.decided_at) * 1000)::float8 AS at, d.decision_type, d.decision_summary,
                                  d.reason, d.rationale, d.outcome, d.authority, d.decided_by, d.work_id, d.blocker_id, d.release_id, d.standard_id
                           FROM decisions d
                           WHERE d.organisation_id = ${org}
                             ${input.type ? sql`AND d.decision_type = ${input.type}` : sql``}
                             ${after ? sql`AND (d.decided_at, d.id) < (${after[1]}::timestamptz, ${after[2]})` : sql``}
                           ORDER BY d.decided_at DESC, d.id DESC
                           LIMIT ${DECISIONS_PAGE_SIZE + 1}`),
    );
    const page = rows.slice(0, DECISIONS_PAGE_SIZE);
    const who = await resolveActors(
      tx,
      page.flatMap((r) => [r.decided_by, r.authority]),
    );
    const entries = page.map((r): DecisionEntry => {
      const links: DecisionEntry['links'] = [];
      if (r.work_id) links.push({ kind: 'roadmap', id: r.work_id, label: r.work_id });
      if (r.blocker_id) links.push({ kind: 'blocker', id: r.blocker_id, label: r.blocker_id });
      if (r.release_id) links.push({ kind: 'release', id: r.release_id, label: r.release_id });
      return {
        id: r.id,
        type: r.decision_type,
        summary: r.decision_summary,
        reason: r.reason ?? r.rationale,
        outcome: r.outcome,
        authority: who(r.authority),
        decidedBy: who(r.decided_by),
        at: Number(r.at),
        links,
        standardId: r.standard_id,
      };
    });
    const last = rows.length > DECISIONS_PAGE_SIZE ? page.at(-1)! : null;
    return { entries, next: last ? `${last.ts}|${last.id}` : null, types: [...DECISION_TYPES] };
  });
}

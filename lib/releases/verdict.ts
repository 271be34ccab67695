import { keyedList } from '@/lib/keyed-list';

/**
 * The words and colours of a release's verdict, and the sentence that explains it. The verdict
 * itself is computed once, in the database (release_verdict / v_release_verdict, migration
 * 0026): every page, report and API reads it there and shows it through this module.
 * - blocked: a blocking standard that applies fails its latest check;
 * - not ready: a blocking standard is unchecked, or its latest check was skipped or errored;
 * - ready with warnings: only non-blocking standards fail or lack a passing result;
 * - ready: every applicable standard passes its latest check or is waived.
 * A waiver is a decision of type waiver, with a reason, naming the release and the standard.
 */

export const { keys: VERDICT_KEYS, words: VERDICT_LABELS } = keyedList({
  blocked: 'Blocked',
  not_ready: 'Not ready',
  ready_with_warnings: 'Ready with warnings',
  ready: 'Ready',
});
export type VerdictKey = (typeof VERDICT_KEYS)[number];

/** Badge tones (components/ui/badge) of each verdict. */
export const VERDICT_TONES = { blocked: 'red', not_ready: 'amber', ready_with_warnings: 'amber', ready: 'green' } as const satisfies Record<VerdictKey, string>;

export type ResultKind = 'pass' | 'fail' | 'skip' | 'error';
export type VerdictProblem = 'fails' | 'unchecked' | 'skipped' | 'errored' | 'waived';

export const PROBLEM_LABELS: Record<VerdictProblem, string> = {
  fails: 'fails',
  unchecked: 'not checked',
  skipped: 'skipped',
  errored: 'check errored',
  waived: 'waived',
};

export interface VerdictReason {
  standardId: string;
  name: string;
  blocking: boolean;
  problem: VerdictProblem;
  /** The latest result for the release; null when never checked. */
  result: ResultKind | null;
  waiver: { id: string; reason: string; by: string; at: string } | null;
}

export interface Verdict {
  key: VerdictKey;
  /** "Ready", "Ready with warnings", "Not ready", "Blocked". */
  label: string;
  /** One sentence: why, naming each standard that stands in the way. */
  summary: string;
  /** Standards that apply to the release. */
  applicable: number;
  passing: number;
  waived: number;
  /** Every applicable standard that does not pass, worst first (waived ones last). */
  reasons: VerdictReason[];
}

/** A row of release_verdict / v_release_verdict, as the driver returns it. */
export interface VerdictRow {
  verdict: string;
  applicable: number | string;
  passing: number | string;
  waived: number | string;
  reasons: unknown;
}

interface ReasonJson {
  standard_id: string;
  name: string;
  blocking: boolean;
  problem: VerdictProblem;
  result: ResultKind | null;
  waiver: { id: string; reason: string; by: string; at: string } | null;
}

function isVerdictKey(value: string): value is VerdictKey {
  return (VERDICT_KEYS as readonly string[]).includes(value);
}

const named = (reasons: VerdictReason[]) => reasons.map((r) => `${r.standardId} ${r.name}`).join('; ');
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function summarise(key: VerdictKey, applicable: number, reasons: VerdictReason[]): string {
  const waived = reasons.filter((r) => r.problem === 'waived');
  const waivedNote = waived.length ? ` Waived: ${named(waived)}.` : '';
  const blocking = reasons.filter((r) => r.blocking && r.problem !== 'waived');
  const warnings = reasons.filter((r) => !r.blocking && r.problem !== 'waived');
  const byProblem = (list: VerdictReason[]) =>
    (['fails', 'unchecked', 'skipped', 'errored'] as const)
      .map((p) => {
        const these = list.filter((r) => r.problem === p);
        return these.length ? `${PROBLEM_LABELS[p]}: ${named(these)}` : null;
      })
      .filter(Boolean)
      .join('; ');
  switch (key) {
    case 'blocked': {
      const failing = blocking.filter((r) => r.problem === 'fails');
      return (
        `${count(failing.length, 'blocking standard fails', 'blocking standards fail')}: ${named(failing)}.` +
        (blocking.length > failing.length ? ` Also without a passing result: ${byProblem(blocking.filter((r) => r.problem !== 'fails'))}.` : '') +
        waivedNote
      );
    }
    case 'not_ready':
      return `${count(blocking.length, 'blocking standard has', 'blocking standards have')} no passing result — ${byProblem(blocking)}.${waivedNote}`;
    case 'ready_with_warnings':
      return `Every blocking standard passes or is waived; ${count(warnings.length, 'non-blocking standard does', 'non-blocking standards do')} not pass — ${byProblem(warnings)}.${waivedNote}`;
    case 'ready':
      return applicable === 0
        ? 'No standard applies to this release.'
        : `All ${count(applicable, 'standard', 'standards')} that apply pass their latest check${waived.length ? ' or are waived' : ''}.${waivedNote}`;
  }
}

/** The verdict of a row that the database computed, with its label and sentence. */
export function verdictFromRow(row: VerdictRow): Verdict {
  if (!isVerdictKey(row.verdict)) throw new Error(`Unknown release verdict "${row.verdict}"`);
  const raw = (typeof row.reasons === 'string' ? JSON.parse(row.reasons) : row.reasons) as ReasonJson[];
  const reasons: VerdictReason[] = raw.map((r) => ({
    standardId: r.standard_id,
    name: r.name,
    blocking: r.blocking,
    problem: r.problem,
    result: r.result,
    waiver: r.waiver,
  }));
  const applicable = Number(row.applicable);
  return {
    key: row.verdict,
    label: VERDICT_LABELS[row.verdict],
    summary: summarise(row.verdict, applicable, reasons),
    applicable,
    passing: Number(row.passing),
    waived: Number(row.waived),
    reasons,
  };
}

/**
 * The seed's v_compliance_status, shown for what it is: every result ever recorded for the
 * release (a failure stays counted after a later pass). Never a verdict.
 */
export function describeTally({ checks, passed, failed }: { checks: number; passed: number; failed: number }): string {
  if (checks === 0) return 'No checks recorded';
  return `${count(checks, 'standard', 'standards')} checked, ${passed} passed, ${failed} failed (all time)`;
}

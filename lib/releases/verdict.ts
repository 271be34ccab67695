/**
 * Whether a release may ship, from the latest result of each standard that applies to it.
 * Pure (no database), so the page, the report and the tests share one rule:
 * - blocked: a blocking standard's latest result is a failure;
 * - ships with warnings: no blocking failure, but a non-blocking standard fails, or some
 *   standard has no passing result yet (never checked, skipped, or the check errored);
 * - may ship: every standard that applies has passed its latest check.
 * A correction is a new result, so a later pass clears an earlier failure. (The seed's
 * v_compliance_status counts every result row instead: there a failure stays forever.)
 */
export type ResultKind = 'pass' | 'fail' | 'skip' | 'error';
export type VerdictKind = 'blocked' | 'warnings' | 'clear';

export interface VerdictInput {
  standardId: string;
  name: string;
  isBlocking: boolean;
  /** The latest result's kind; null when never checked for this release. */
  latest: ResultKind | null;
}

export interface Verdict {
  kind: VerdictKind;
  /** "May ship", "Ships with warnings", "Blocked". */
  label: string;
  /** One sentence: why. */
  summary: string;
  /** Each reason, worst first. */
  reasons: { standardId: string; name: string; problem: 'fails' | 'fails (non-blocking)' | 'not checked yet' | 'skipped' | 'could not be checked' }[];
}

export const VERDICT_LABELS: Record<VerdictKind, string> = { blocked: 'Blocked', warnings: 'Ships with warnings', clear: 'May ship' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function computeVerdict(standards: VerdictInput[]): Verdict {
  const blocking = standards.filter((s) => s.isBlocking && s.latest === 'fail');
  const failing = standards.filter((s) => !s.isBlocking && s.latest === 'fail');
  const open = standards.filter((s) => s.latest !== 'pass' && s.latest !== 'fail');
  const reasons: Verdict['reasons'] = [
    ...blocking.map((s) => ({ standardId: s.standardId, name: s.name, problem: 'fails' as const })),
    ...failing.map((s) => ({ standardId: s.standardId, name: s.name, problem: 'fails (non-blocking)' as const })),
    ...open.map((s) => ({
      standardId: s.standardId,
      name: s.name,
      problem: s.latest === 'skip' ? ('skipped' as const) : s.latest === 'error' ? ('could not be checked' as const) : ('not checked yet' as const),
    })),
  ];

  if (blocking.length > 0) {
    const names = blocking.map((s) => `${s.standardId} ${s.name}`).join('; ');
    return { kind: 'blocked', label: VERDICT_LABELS.blocked, summary: `${plural(blocking.length, 'blocking standard')} ${blocking.length === 1 ? 'fails' : 'fail'}: ${names}.`, reasons };
  }
  if (failing.length > 0 || open.length > 0) {
    const parts = [
      failing.length > 0 ? `${plural(failing.length, 'non-blocking standard')} ${failing.length === 1 ? 'fails' : 'fail'}` : null,
      open.length > 0 ? `${plural(open.length, 'standard')} ${open.length === 1 ? 'has' : 'have'} no passing result yet` : null,
    ].filter(Boolean);
    return { kind: 'warnings', label: VERDICT_LABELS.warnings, summary: `No blocking standard fails, but ${parts.join(' and ')}.`, reasons };
  }
  if (standards.length === 0) {
    return { kind: 'clear', label: VERDICT_LABELS.clear, summary: 'No standard applies to this release.', reasons };
  }
  return { kind: 'clear', label: VERDICT_LABELS.clear, summary: `All ${plural(standards.length, 'standard')} passed their latest check.`, reasons };
}

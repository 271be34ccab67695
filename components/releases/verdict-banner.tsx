import { CircleAlert, CircleCheck, OctagonX, TriangleAlert } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import type { DeployGateView } from '@/lib/releases/gate';
import { PROBLEM_LABELS, type Verdict, type VerdictKey, VERDICT_TONES } from '@/lib/releases/verdict';
import { cn } from '@/lib/utils';

import { gateLabel, gateTone } from './tones';

type VerdictTone = (typeof VERDICT_TONES)[VerdictKey];
/** The banner's frame and icon colour, by the verdict's tone (VERDICT_TONES). */
const frame: Record<VerdictTone, string> = {
  red: 'border-red-300 bg-red-50 dark:border-red-400/30 dark:bg-red-400/10',
  amber: 'border-amber-300 bg-amber-50 dark:border-amber-400/30 dark:bg-amber-400/10',
  green: 'border-emerald-300 bg-emerald-50 dark:border-emerald-400/30 dark:bg-emerald-400/10',
};
const iconColour: Record<VerdictTone, string> = {
  red: 'text-red-600 dark:text-red-300',
  amber: 'text-amber-600 dark:text-amber-300',
  green: 'text-emerald-600 dark:text-emerald-300',
};
const Icon = { blocked: OctagonX, not_ready: CircleAlert, ready_with_warnings: TriangleAlert, ready: CircleCheck } as const;

/** The answer a reviewer opens the page for: may it ship, and why not. */
export function VerdictBanner({ verdict, gate }: { verdict: Verdict; gate: DeployGateView }) {
  const VerdictIcon = Icon[verdict.key];
  return (
    <section
      aria-labelledby="verdict-heading"
      className={cn('rounded-xl border p-5', frame[VERDICT_TONES[verdict.key]])}
      data-testid="verdict"
      data-verdict={verdict.key}
    >
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-start gap-3">
          <VerdictIcon className={cn('mt-0.5 size-6 shrink-0', iconColour[VERDICT_TONES[verdict.key]])} aria-hidden />
          <div className="min-w-0">
            <h2 id="verdict-heading" className="text-lg font-semibold" data-testid="verdict-label">
              {verdict.label}
            </h2>
            <p className="text-sm" data-testid="verdict-summary">
              {verdict.summary}
            </p>
          </div>
        </div>
        {gate.targets.length > 0 && (
          <div className="flex flex-wrap gap-2" aria-label="Deploy gate">
            {gate.targets.map((t) => (
              <Badge key={t.target} tone={gateTone[t.status]}>
                Deploy to {t.label}: {gateLabel[t.status]}
              </Badge>
            ))}
          </div>
        )}
      </div>
      {verdict.reasons.length > 0 && (
        <ul className="mt-3 grid gap-1 pl-9 text-sm sm:grid-cols-2">
          {verdict.reasons.map((r) => (
            <li key={r.standardId} data-testid="verdict-reason" data-problem={r.problem}>
              <a href={`#standard-${r.standardId}`} className="font-medium hover:underline">
                {r.standardId}
              </a>{' '}
              {r.name}{' '}
              <span className="text-muted-foreground">
                — {r.blocking ? 'blocking, ' : ''}
                {PROBLEM_LABELS[r.problem]}
                {r.waiver && `: ${r.waiver.reason}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {gate.targets.some((t) => t.status !== 'READY') && (
        <p className="mt-3 pl-9 text-sm">
          The deploy gate is separate from the standards:{' '}
          {gate.targets
            .filter((t) => t.status !== 'READY')
            .map((t) => `${t.label} ${t.status === 'BLOCKED' ? `is blocked by ${t.failedClaims}` : `waits for tests of ${t.pendingClaims}`}`)
            .join('; ')}
          .
        </p>
      )}
    </section>
  );
}

import { ShieldAlert, ShieldCheck, ShieldEllipsis, ShieldX } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { PROBLEM_LABELS, VERDICT_TONES, type Verdict } from '@/lib/releases/verdict';

/** A shield marks the verdict apart from a release's lifecycle status (whose "Ready" is another thing). */
const Icon = { blocked: ShieldX, not_ready: ShieldEllipsis, ready_with_warnings: ShieldAlert, ready: ShieldCheck } as const;

/** A release's verdict as a badge; with `named`, the blocking standards that stand in the way too. */
export function VerdictBadge({ verdict, named = false }: { verdict: Verdict; named?: boolean }) {
  const blocking = verdict.reasons.filter((r) => r.blocking && r.problem !== 'waived');
  const VerdictIcon = Icon[verdict.key];
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-testid="release-verdict" data-verdict={verdict.key} title={verdict.summary}>
      <Badge tone={VERDICT_TONES[verdict.key]}>
        <VerdictIcon className="size-3" aria-hidden />
        {verdict.label}
      </Badge>
      {named && blocking.length > 0 && (
        <span className="text-xs text-muted-foreground" data-testid="release-verdict-reasons">
          {blocking.map((r) => `${r.standardId} ${PROBLEM_LABELS[r.problem]}`).join(', ')}
        </span>
      )}
    </span>
  );
}

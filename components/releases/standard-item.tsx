import { ExternalLink } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import type { ReviewStandard, StandardResult } from '@/lib/releases/review';
import { cn } from '@/lib/utils';

import { RecordResultForm, type RecordComplianceResult } from './record-result-form';
import { formatInstant, resultLabel, resultTone } from './tones';

export function boundsOf(s: Pick<ReviewStandard, 'thresholdMin' | 'thresholdMax'>): string | null {
  const parts = [s.thresholdMin !== null ? `at least ${s.thresholdMin}` : null, s.thresholdMax !== null ? `at most ${s.thresholdMax}` : null].filter(Boolean);
  return parts.length ? parts.join(' and ') : null;
}

function ResultLine({ result, bounds }: { result: StandardResult; bounds: string | null }) {
  return (
    <div className="space-y-1">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <Badge tone={resultTone[result.result]}>{resultLabel[result.result]}</Badge>
        {result.value !== null && (
          <span className="tabular-nums">
            value <strong className="font-semibold">{result.value}</strong>
            {bounds && <span className="text-muted-foreground"> (needs {bounds})</span>}
          </span>
        )}
        <span className="text-muted-foreground">
          by {result.checkedBy}, <time dateTime={result.checkedAt.toISOString()}>{formatInstant(result.checkedAt)}</time>
        </span>
        <span className="text-xs text-muted-foreground">
          on {result.entityType} {result.entityId}
        </span>
      </p>
      {result.message && <p className="text-sm text-red-700 dark:text-red-300">{result.message}</p>}
      {result.note && <p className="text-sm">“{result.note}”</p>}
      {result.evidenceUrl && (
        <a href={result.evidenceUrl} className="inline-flex items-center gap-1 text-sm text-primary hover:underline" rel="noreferrer noopener" target="_blank">
          Evidence <ExternalLink className="size-3.5" aria-hidden />
        </a>
      )}
    </div>
  );
}

/** Earlier results shown on the page; the printable report and the CSV carry all of them. */
const HISTORY_SHOWN = 20;

/** One standard of a release: what it checks, where it applies from, its latest result and every earlier one. */
export function StandardItem({
  standard: s,
  releaseId,
  recordComplianceResult,
}: {
  standard: ReviewStandard;
  releaseId: string;
  recordComplianceResult?: RecordComplianceResult;
}) {
  const bounds = boundsOf(s);
  const failing = s.latest?.result === 'fail' && !s.waiver;
  return (
    <li
      id={`standard-${s.id}`}
      data-testid="standard"
      data-standard-id={s.id}
      data-latest={s.latest?.result ?? 'none'}
      className={cn(
        'space-y-3 px-5 py-4',
        failing && s.isBlocking && 'border-l-4 border-l-red-500',
        failing && !s.isBlocking && 'border-l-4 border-l-amber-400',
      )}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-medium">
            <span className="font-mono text-xs text-muted-foreground">{s.id}</span> {s.name}
          </h3>
          <p className="mt-1 flex flex-wrap gap-1.5">
            <Badge tone="violet">{s.level.label} level</Badge>
            <Badge>{s.checkType.label}</Badge>
            {s.isBlocking ? <Badge tone="red">Blocking</Badge> : <Badge>Non-blocking</Badge>}
            {s.appliesThrough.length === 0 && <Badge tone="amber">No longer assigned</Badge>}
            {s.waiver && <Badge tone="blue">Waived</Badge>}
          </p>
        </div>
        {recordComplianceResult && s.appliesThrough.length > 0 && (
          <RecordResultForm
            releaseId={releaseId}
            standard={{ id: s.id, name: s.name, isThreshold: s.checkType.key === 'threshold', bounds }}
            recordComplianceResult={recordComplianceResult}
          />
        )}
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-xs text-muted-foreground sm:grid-cols-[8rem_minmax(0,1fr)]">
        {s.waiver && (
          <>
            <dt>Waived</dt>
            <dd data-testid="waiver">
              {s.waiver.reason}{' '}
              <span className="text-muted-foreground">
                — {s.waiver.by.replace(/^user:/, '')}, decision {s.waiver.id}
              </span>
            </dd>
          </>
        )}
        {s.appliesThrough.length > 0 && (
          <>
            <dt>Applies through</dt>
            <dd>{s.appliesThrough.map((a) => `${a.entityType} ${a.entityId}${a.inherited ? ' (inherited)' : ''}`).join(', ')}</dd>
          </>
        )}
        {s.checkCommand && (
          <>
            <dt>Check</dt>
            <dd>
              <code className="font-mono">{s.checkCommand}</code>
              {s.checkPattern && (
                <>
                  {' '}
                  matching <code className="font-mono">{s.checkPattern}</code>
                </>
              )}
            </dd>
          </>
        )}
        {bounds && (
          <>
            <dt>Threshold</dt>
            <dd>{bounds}</dd>
          </>
        )}
        <dt>When it fails</dt>
        <dd>{s.failureMessage}</dd>
      </dl>
      <div data-testid="latest-result">
        {s.latest ? <ResultLine result={s.latest} bounds={bounds} /> : <p className="text-sm text-muted-foreground">Not checked for this release yet.</p>}
      </div>
      {s.history.length > 1 && (
        <details className="rounded-md border border-border">
          <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-muted-foreground">Earlier results ({s.history.length - 1})</summary>
          <ol className="divide-y divide-border" data-testid="result-history">
            {s.history.slice(1, HISTORY_SHOWN + 1).map((r) => (
              <li key={r.id} className="px-3 py-2">
                <ResultLine result={r} bounds={bounds} />
              </li>
            ))}
          </ol>
          {s.history.length > HISTORY_SHOWN + 1 && (
            <p className="border-t border-border px-3 py-2 text-xs text-muted-foreground">
              {s.history.length - HISTORY_SHOWN - 1} older results are in the{' '}
              <a href={`/releases/${encodeURIComponent(releaseId)}/report`} className="text-primary hover:underline">
                printable report
              </a>{' '}
              and the CSV.
            </p>
          )}
        </details>
      )}
    </li>
  );
}

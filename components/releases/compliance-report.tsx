import { formatDay } from '@/components/overview/dates';
import type { ReleaseReview } from '@/lib/releases/review';

import { boundsOf } from './standard-item';
import { formatInstant, gateLabel, resultLabel } from './tones';

const resultColour: Record<string, string> = {
  pass: 'text-emerald-700 dark:text-emerald-300 print:text-emerald-800',
  fail: 'font-semibold text-red-700 dark:text-red-300 print:text-red-800',
  skip: 'text-muted-foreground',
  error: 'text-amber-700 dark:text-amber-300 print:text-amber-800',
};

/** The whole review on paper: verdict, every standard with every result, the claims and deploys. */
export function ComplianceReport({ review, generatedAt }: { review: ReleaseReview; generatedAt: Date }) {
  const { release, verdict, standards, gate } = review;
  return (
    <article className="space-y-6 text-sm print:text-[11px]" data-testid="compliance-report">
      <header className="space-y-1 border-b border-border pb-4">
        <p className="text-xs text-muted-foreground">Compliance report · generated {formatInstant(generatedAt)}</p>
        <h1 className="text-2xl font-semibold">
          {release.product.name} {release.name}
        </h1>
        <p className="text-muted-foreground">
          {release.type.label} · {release.status.label} · {release.program.name}
          {release.targetDate && ` · target ${formatDay(release.targetDate)}`}
        </p>
        <p className="pt-2 text-base">
          <strong>{verdict.label}.</strong> {verdict.summary}
        </p>
        {gate.targets.map((t) => (
          <p key={t.target}>
            Deploy to {t.label}: <strong>{gateLabel[t.status]}</strong>
            {t.failedClaims && ` (failing claims: ${t.failedClaims})`}
            {t.pendingClaims && ` (claims waiting for tests: ${t.pendingClaims})`}
          </p>
        ))}
      </header>
      <section className="space-y-4">
        <h2 className="text-lg font-semibold">Standards and results</h2>
        {standards.map((s) => (
          <div key={s.id} className="break-inside-avoid space-y-1">
            <h3 className="font-semibold">
              {s.id} {s.name}{' '}
              <span className="font-normal text-muted-foreground">
                · {s.level.label} level · {s.checkType.label} · {s.isBlocking ? 'blocking' : 'non-blocking'}
                {boundsOf(s) && ` · ${boundsOf(s)}`}
              </span>
            </h3>
            <p className="text-xs text-muted-foreground">
              Applies through{' '}
              {s.appliesThrough.map((a) => `${a.entityType} ${a.entityId}${a.inherited ? ' (inherited)' : ''}`).join(', ') || 'no assignment any more'}
            </p>
            {s.history.length === 0 ? (
              <p className="text-muted-foreground">Not checked for this release.</p>
            ) : (
              <table className="w-full border-collapse text-left">
                <thead className="text-xs text-muted-foreground">
                  <tr className="border-b border-border">
                    <th className="py-1 pr-3 font-medium">Result</th>
                    <th className="py-1 pr-3 font-medium">Value</th>
                    <th className="py-1 pr-3 font-medium">Checked by</th>
                    <th className="py-1 pr-3 font-medium">When</th>
                    <th className="py-1 font-medium">Message, note, evidence</th>
                  </tr>
                </thead>
                <tbody>
                  {s.history.map((r, i) => (
                    <tr key={r.id} className="border-b border-border/60 align-top">
                      <td className={`py-1 pr-3 ${resultColour[r.result]}`}>
                        {resultLabel[r.result]}
                        {i === 0 && <span className="text-muted-foreground"> (latest)</span>}
                      </td>
                      <td className="py-1 pr-3 tabular-nums">{r.value ?? ''}</td>
                      <td className="py-1 pr-3">{r.checkedBy}</td>
                      <td className="py-1 pr-3 whitespace-nowrap">{formatInstant(r.checkedAt)}</td>
                      <td className="py-1 break-all">{[r.message, r.note && `“${r.note}”`, r.evidenceUrl].filter(Boolean).join(' · ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>
      <section className="break-inside-avoid space-y-1">
        <h2 className="text-lg font-semibold">Claims</h2>
        {gate.claims.length === 0 && <p className="text-muted-foreground">No claim.</p>}
        {gate.claims.map((c) => (
          <p key={c.id}>
            <strong>{c.testStatus}</strong> · {c.id}: {c.text}{' '}
            <span className="text-muted-foreground">
              ({c.type}, {c.testFunction ?? 'no test'})
            </span>
          </p>
        ))}
      </section>
      <section className="break-inside-avoid space-y-1">
        <h2 className="text-lg font-semibold">Deploys</h2>
        {gate.deployments.length === 0 && <p className="text-muted-foreground">None.</p>}
        {gate.deployments.map((d) => (
          <p key={d.id}>
            {d.status} · {d.version} to {d.target} by {d.triggeredBy}, {formatInstant(d.createdAt)}
          </p>
        ))}
      </section>
    </article>
  );
}

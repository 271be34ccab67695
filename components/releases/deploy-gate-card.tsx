import { ShieldCheck } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { CardBody, HeadedCard } from '@/components/ui/card';
import type { DeployGateView } from '@/lib/releases/gate';

import { DeployForm, type RequestDeployment } from './deploy-form';
import { claimTone, formatInstant, gateLabel, gateTone } from './tones';

/** Claims, the gate's answer per target (v_release_deploy_gates, v_can_deploy), the views' lists, and the deploys. */
export function DeployGateCard({ gate, releaseId, requestDeployment }: { gate: DeployGateView; releaseId: string; requestDeployment?: RequestDeployment }) {
  return (
    <HeadedCard
      headingId="gate-heading"
      data-testid="deploy-gate"
      icon={ShieldCheck}
      title="Deploy gate"
      description="The database refuses a deploy to a gated target while a claim fails (POLICY-001) or a quantitative claim waits for its test (POLICY-002)."
    >
      <CardBody className="space-y-4">
        {gate.targets.length === 0 ? (
          <p className="text-sm text-muted-foreground">No target is gated for this release: its deploys go through.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="gate-targets">
            {gate.targets.map((t) => (
              <li key={t.target} className="flex flex-wrap items-center gap-2">
                <Badge tone={gateTone[t.status]}>{gateLabel[t.status]}</Badge>
                <span className="font-medium">{t.label}</span>
                {t.failedClaims && <span className="text-muted-foreground">failing: {t.failedClaims}</span>}
                {t.pendingClaims && <span className="text-muted-foreground">waiting for tests: {t.pendingClaims}</span>}
              </li>
            ))}
          </ul>
        )}
        {gate.declarations.length > 0 && (
          <p className="text-xs text-muted-foreground">
            Gates declared (v_can_deploy):{' '}
            {gate.declarations
              .map((d) => `${d.target} for ${d.scope}, ${gateLabel[d.status]!.toLowerCase()}${d.failedClaims ? ` (failing ${d.failedClaims})` : ''}`)
              .join('; ')}
            .
          </p>
        )}
        <div>
          <h3 className="mb-2 text-sm font-medium">Claims this release answers to</h3>
          {gate.claims.length === 0 ? (
            <p className="text-sm text-muted-foreground">No claim.</p>
          ) : (
            <ul className="divide-y divide-border rounded-md border border-border text-sm" data-testid="claims">
              {gate.claims.map((c) => (
                <li key={c.id} className="flex flex-wrap items-start justify-between gap-2 px-3 py-2" data-claim-id={c.id}>
                  <div className="min-w-0">
                    <p>
                      <span className="font-mono text-xs text-muted-foreground">{c.id}</span> {c.text}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      {c.type} · {c.scope} claim · page {c.page} · {c.testFunction ? <code className="font-mono">{c.testFunction}</code> : 'no test'}
                      {c.lastVerifiedAt && ` · verified ${formatInstant(c.lastVerifiedAt)}`}
                    </p>
                  </div>
                  <Badge tone={claimTone[c.testStatus]}>{c.testStatus}</Badge>
                </li>
              ))}
            </ul>
          )}
          <dl className="mt-2 grid gap-x-4 gap-y-1 text-xs text-muted-foreground sm:grid-cols-[12rem_minmax(0,1fr)]">
            <dt>Deploy blockers (v_deploy_blockers)</dt>
            <dd data-testid="deploy-blockers">{gate.blockers.length ? gate.blockers.join(', ') : 'none'}</dd>
            <dt>Claims needing tests (v_claims_needing_tests)</dt>
            <dd>{gate.needingTests.length ? gate.needingTests.join(', ') : 'none'}</dd>
          </dl>
        </div>
        {requestDeployment ? (
          <DeployForm
            releaseId={releaseId}
            targets={gate.targetOptions}
            defaultTarget={gate.targets[0]?.target ?? gate.targetOptions[0]?.key ?? ''}
            defaultVersion={gate.defaultVersion}
            requestDeployment={requestDeployment}
          />
        ) : (
          <p className="text-sm text-muted-foreground">Owners and managers deploy releases.</p>
        )}
        <div>
          <h3 className="mb-2 text-sm font-medium">Deploys of this release</h3>
          {gate.deployments.length === 0 ? (
            <p className="text-sm text-muted-foreground">None yet.</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="deployments">
              {gate.deployments.map((d) => (
                <li key={d.id} className="flex flex-wrap gap-2">
                  <Badge tone={d.status === 'success' ? 'green' : d.status === 'failed' ? 'red' : 'blue'}>{d.status}</Badge>
                  {d.version} to {d.target}
                  <span className="text-muted-foreground">
                    by {d.triggeredBy}, {formatInstant(d.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </CardBody>
    </HeadedCard>
  );
}

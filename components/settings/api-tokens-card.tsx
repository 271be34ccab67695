import { KeyRound } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ApiTokenSummary } from '@/lib/auth/api-tokens';
import type { ActionResult } from '@/lib/auth/result';

import { CreateTokenForm, type CreateApiToken } from './create-token-form';
import { formatDate, formatInstant } from './format';

export type RevokeApiToken = (input: { tokenId: string }) => Promise<ActionResult<{ id: string; name: string }>>;

export function ApiTokensCard({
  tokens,
  builderIds,
  createApiToken,
  revokeApiToken,
}: {
  /** Null when the member may not manage tokens. */
  tokens: ApiTokenSummary[] | null;
  builderIds: string[];
  createApiToken: CreateApiToken;
  revokeApiToken: RevokeApiToken;
}) {
  return (
    <Card aria-labelledby="tokens-heading">
      <CardHeading
        icon={KeyRound}
        id="tokens-heading"
        title="API tokens"
        description="Builder agents call Gantry’s API with a token. A token acts as one builder, with the builder role, in this organisation only."
      />
      {tokens === null ? (
        <CardBody>
          <p className="text-sm text-muted-foreground">Owners and managers create and revoke API tokens.</p>
        </CardBody>
      ) : (
        <>
          <CardBody className="border-b border-border">
            <CreateTokenForm builderIds={builderIds} createApiToken={createApiToken} />
          </CardBody>
          {tokens.length === 0 ? (
            <p className="px-5 py-6 text-sm text-muted-foreground">No token yet.</p>
          ) : (
            <ul className="divide-y divide-border" data-testid="api-tokens">
              {tokens.map((token) => (
                <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
                  <div className="min-w-0">
                    <p className="flex items-center gap-2 text-sm font-medium">
                      <span className="truncate">{token.name}</span>
                      {token.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      <code className="font-mono">{token.prefix}…</code> ·{' '}
                      {token.builderId ? `builder ${token.builderId}` : `personal token of ${token.member}`} · by {token.createdBy} on{' '}
                      {formatDate(token.createdAt)} · {token.lastUsedAt ? `last used ${formatInstant(token.lastUsedAt)}` : 'never used'}
                    </p>
                  </div>
                  {!token.revokedAt && (
                    <ConfirmButton
                      variant="secondary"
                      label="Revoke"
                      accessibleLabel={`Revoke ${token.name}`}
                      question="Revoke for good?"
                      confirmLabel="Revoke"
                      pendingLabel="Revoking…"
                      action={revokeApiToken}
                      input={{ tokenId: token.id }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}

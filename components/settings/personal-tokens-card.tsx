import { UserRound } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { ApiTokenSummary } from '@/lib/auth/api-tokens';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions';

import { formatDate, formatInstant } from './format';
import { PersonalTokenForm, type CreatePersonalApiToken } from './personal-token-form';
import { RevokeTokenButton, type RevokeApiToken } from './revoke-token-button';

/** A member's own tokens: scripts and agents that act as them, with their role. */
export function PersonalTokensCard({
  tokens,
  role,
  createPersonalApiToken,
  revokePersonalApiToken,
}: {
  tokens: ApiTokenSummary[];
  role: Role;
  createPersonalApiToken: CreatePersonalApiToken;
  revokePersonalApiToken: RevokeApiToken;
}) {
  return (
    <Card aria-labelledby="personal-tokens-heading">
      <CardHeader>
        <UserRound className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
        <div>
          <h2 id="personal-tokens-heading" className="font-semibold">
            Your personal tokens
          </h2>
          <p className="text-sm text-muted-foreground">
            A personal token calls the agent API as you, with your role ({ROLE_LABELS[role]}), in this organisation only, for as long as you are a member.
          </p>
        </div>
      </CardHeader>
      <CardBody className="border-b border-border">
        <PersonalTokenForm createPersonalApiToken={createPersonalApiToken} />
      </CardBody>
      {tokens.length === 0 ? (
        <p className="px-5 py-6 text-sm text-muted-foreground">You have no personal token.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="personal-tokens">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
              <div className="min-w-0">
                <p className="flex items-center gap-2 text-sm font-medium">
                  <span className="truncate">{token.name}</span>
                  {token.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
                </p>
                <p className="text-xs text-muted-foreground">
                  <code className="font-mono">{token.prefix}…</code> · made on {formatDate(token.createdAt)} ·{' '}
                  {token.lastUsedAt ? `last used ${formatInstant(token.lastUsedAt)}` : 'never used'}
                </p>
              </div>
              {!token.revokedAt && <RevokeTokenButton token={token} revokeApiToken={revokePersonalApiToken} />}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

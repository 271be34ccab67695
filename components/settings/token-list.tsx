import type { ReactNode } from 'react';

import { Badge } from '@/components/ui/badge';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { ApiTokenSummary } from '@/lib/organisations/api-tokens';
import type { ActionResult } from '@/lib/procedure/result';

import { formatDate, formatInstant } from './format';

/** API tokens, one a line: name, state, prefix, who holds and made it, last use, and a revoke button while live. */
export function TokenList({
  tokens,
  testId,
  holder,
  revoke,
}: {
  tokens: ApiTokenSummary[];
  testId: string;
  /** What the line says of the token between its prefix and its date, e.g. "builder ui-builder · by Ada". */
  holder?: (token: ApiTokenSummary) => ReactNode;
  revoke: (input: { tokenId: string }) => Promise<ActionResult<unknown>>;
}) {
  return (
    <ul className="divide-y divide-border" data-testid={testId}>
      {tokens.map((token) => (
        <li key={token.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
          <div className="min-w-0">
            <p className="flex items-center gap-2 text-sm font-medium">
              <span className="truncate">{token.name}</span>
              {token.revokedAt ? <Badge tone="red">Revoked</Badge> : <Badge tone="green">Active</Badge>}
            </p>
            <p className="text-xs text-muted-foreground">
              <code className="font-mono">{token.prefix}…</code> · {holder ? <>{holder(token)} </> : null}made on {formatDate(token.createdAt)} ·{' '}
              {token.lastUsedAt ? `last used ${formatInstant(token.lastUsedAt)}` : 'never used'}
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
              action={revoke}
              input={{ tokenId: token.id }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

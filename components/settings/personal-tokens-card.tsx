import { UserRound } from 'lucide-react';

import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { ApiTokenSummary } from '@/lib/organisations/api-tokens';
import type { ActionResult } from '@/lib/procedure/result';
import { ROLE_LABELS, type Role } from '@/lib/organisations/permissions';

import { PersonalTokenForm, type CreatePersonalApiToken } from './personal-token-form';
import { TokenList } from './token-list';

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
  revokePersonalApiToken: (input: { tokenId: string }) => Promise<ActionResult<unknown>>;
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
        <TokenList tokens={tokens} testId="personal-tokens" revoke={revokePersonalApiToken} />
      )}
    </Card>
  );
}

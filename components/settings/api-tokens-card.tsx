import { KeyRound } from 'lucide-react';

import { CardBody, HeadedCard } from '@/components/ui/card';
import type { ApiTokenSummary } from '@/lib/organisations/api-tokens';
import type { ActionResult } from '@/lib/procedure/result';

import { CreateTokenForm, type CreateApiToken } from './create-token-form';
import { TokenList } from './token-list';

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
    <HeadedCard
      headingId="tokens-heading"
      icon={KeyRound}
      title="API tokens"
      description="Builder agents call Gantry’s API with a token. A token acts as one builder, with the builder role, in this organisation only."
    >
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
            <TokenList
              tokens={tokens}
              testId="api-tokens"
              holder={(token) => `${token.builderId ? `builder ${token.builderId}` : `personal token of ${token.member}`} · by ${token.createdBy} ·`}
              revoke={revokeApiToken}
            />
          )}
        </>
      )}
    </HeadedCard>
  );
}

import 'server-only';

import type { MemberCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import { getDomainTerms, type Term } from '../portfolio/terminology';
import { KINDS, parseScope, type BoardFilters, type BoardKind } from './kinds';
import { ownerIdsOf } from './owners';
import { getBoard, UnknownScopeError } from './queries';
import { assertScopeExists, getLargestScope, getScopeOptions } from './scopes';
import type { BoardData, ScopeOption } from './types';

export type FilterOption = Term;

export interface BoardPage {
  scopes: ScopeOption[];
  scope: string | null;
  board: BoardData | null;
  /** Why there is no board: no scope to show, or the URL names one that does not exist here. */
  problem: 'no-scopes' | 'unknown-scope' | null;
  options: Partial<Record<'type' | 'size' | 'severity' | 'phase', FilterOption[]>>;
  /** Who may drag which cards: every card (managers, owners), those whose owner is one of `owners` (builders), none (viewers, reviewers). */
  mover: { all: boolean; owners: string[] };
}

const OPTION_DOMAINS: Partial<Record<BoardKind, Partial<Record<'type' | 'severity' | 'phase', string>>>> = {
  cr: { type: 'cr_type' },
  roadmap: { type: 'roadmap_item_type', phase: 'roadmap_phase' },
  bug: { severity: 'bug_severity' },
};

/** Everything the board page shows, read in one transaction inside the member's organisation. */
export async function getBoardPage(
  member: Pick<MemberCaller, 'kind' | 'userId' | 'organisationId' | 'role'>,
  kind: BoardKind,
  scopeParam: string | undefined,
  filters: BoardFilters,
  lastScope?: string,
): Promise<BoardPage> {
  return withOrganisation(member.organisationId, async (tx) => {
    const organisationId = member.organisationId;
    const scopes = await getScopeOptions(tx, { organisationId, kind });
    const options: BoardPage['options'] = {};
    for (const [key, domain] of Object.entries(OPTION_DOMAINS[kind] ?? {})) options[key as 'type'] = await getDomainTerms(tx, domain);
    if (KINDS[kind].filters.includes('size')) options.size = ['S', 'M', 'L', 'XL'].map((s) => ({ key: s, label: s }));
    const mover = {
      all: can(member.role, 'plan:edit'),
      owners: can(member.role, 'work:update-assigned') ? ownerIdsOf(member) : [],
    };
    const base = { scopes, options, mover };

    // The URL's board; else the one this person had open last (if it still exists); else the largest.
    const remembered = !scopeParam && lastScope && scopes.some((s) => s.value === lastScope) ? lastScope : undefined;
    const scope = parseScope(scopeParam ?? remembered ?? (await getLargestScope(tx, { organisationId, kind })) ?? scopes[0]?.value);
    if (!scope) return { ...base, scope: null, board: null, problem: scopes.length ? 'unknown-scope' : 'no-scopes' };
    try {
      await assertScopeExists(tx, { organisationId, scope });
      const board = await getBoard(tx, { organisationId, kind, scope, filters });
      return { ...base, scope: `${scope.type}:${scope.id}`, board, problem: null };
    } catch (error) {
      if (error instanceof UnknownScopeError || (error instanceof ActionError && error.code === 'not_found')) {
        return { ...base, scope: null, board: null, problem: 'unknown-scope' };
      }
      throw error;
    }
  });
}

import { isBoardKind, type BoardKind } from './kinds';

/** The cookie that keeps the board a person had open last: `<organisation>|<kind>|<scope>`. */
export const LAST_BOARD_COOKIE = 'gantry-board';

export function formatLastBoard(organisationId: string, kind: BoardKind, scope: string): string {
  return `${organisationId}|${kind}|${scope}`;
}

/** The remembered board, if it was one of this organisation's. */
export function parseLastBoard(value: string | undefined, organisationId: string): { kind: BoardKind; scope: string } | null {
  if (!value) return null;
  const [organisation, kind, ...scope] = value.split('|');
  if (organisation !== organisationId || !isBoardKind(kind) || scope.length === 0) return null;
  return { kind, scope: scope.join('|') };
}

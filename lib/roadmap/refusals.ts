import 'server-only';

import { ActionError } from '../procedure/result';
import { pgErrorOf } from '../db/errors';

/**
 * The roadmap rules the database enforces, told in a manager's words. Each keeps the database's
 * own sentence after the explanation, so nothing it said is lost.
 */
const EXPLAINED: { match: RegExp; explain: (m: RegExpMatchArray, original: string) => string }[] = [
  {
    match: /^POLICY: Maximum (\d+) active items per phase \((.+) is full\)/,
    explain: (m) =>
      `${phaseName(m[2]!)} is full: it may hold at most ${m[1]} active item${m[1] === '1' ? '' : 's'}. Complete, defer or move one of them out first.`,
  },
  {
    match: /^POLICY: Completed items cannot be modified \((.+) is completed\)/,
    explain: (m) => `${m[1]} is completed, and a completed item keeps its status.`,
  },
  {
    match: /^POLICY: Cannot complete (.+) without evidence/,
    explain: (m) => `${m[1]} cannot be completed without evidence. Attach evidence first (a test result, a build, a document).`,
  },
  {
    match: /^Cannot start: blocking dependencies not complete \((.+) waits for (.+)\)/,
    explain: (m) => `${m[1]} cannot start yet: it waits for ${m[2]} to be completed.`,
  },
  {
    match: /^Circular dependency detected: (.+) -> (.+) would close a loop/,
    explain: (m, original) =>
      `${m[1]} cannot depend on ${m[2]}: ${m[2]} already depends on ${m[1]} through its own chain, so the new edge would close a loop. Nothing was changed. (${original})`,
  },
];

function phaseName(key: string): string {
  const letter = /^phase_([a-z])$/.exec(key)?.[1];
  if (letter) return `Phase ${letter.toUpperCase()}`;
  return key === 'post_launch' ? 'Post-launch' : key;
}

/** Rethrows a database refusal of a roadmap rule as an ActionError with its explanation; anything else as it was. */
export function explainRefusal(error: unknown): never {
  const pg = pgErrorOf(error);
  if (pg.code === '23514') {
    for (const { match, explain } of EXPLAINED) {
      const m = pg.message.match(match);
      if (m) throw new ActionError('conflict', explain(m, pg.message));
    }
  }
  throw error;
}

/** Runs a write and explains a rule's refusal. */
export async function explained<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    explainRefusal(error);
  }
}

/** The message when the item changed since the page showed it. */
export function staleMessage(id: string): string {
  return `${id} was changed by someone else since this page was loaded; it now shows the latest version. Try again if the change still makes sense.`;
}

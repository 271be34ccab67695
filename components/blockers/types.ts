import type { ActionResult } from '@/lib/procedure/result';
import type { TargetType } from '@/lib/blockers/kinds';
import type { EvidenceCandidate } from '@/lib/blockers/resolve';
import type { TargetOption } from '@/lib/blockers/targets';

/** The server actions the blocker dialogs call, as the page passes them down. */
export interface BlockerActions {
  /** The organisation the page shows; searches name it. */
  organisationId: string;
  raiseBlocker?: (input: FormData) => Promise<ActionResult<{ id: string }>>;
  resolveBlocker?: (input: FormData) => Promise<ActionResult<{ id: string; justification: string | null }>>;
  escalateBlocker?: (input: FormData) => Promise<ActionResult<{ id: string; decisionId: string }>>;
  findBlockerTargets: (input: { organisationId: string; targetType: TargetType; q: string }) => Promise<ActionResult<TargetOption[]>>;
  listResolutionEvidence: (input: { blockerId: string }) => Promise<ActionResult<EvidenceCandidate[]>>;
}

/** What a dialog needs to know about the blocker it acts on. */
export interface BlockerRef {
  id: string;
  title: string;
  kind: string | null;
  foreman: boolean;
}

/** Stands in for an action the page withheld (the role may not do it); no dialog offers it then. */
export async function withheld(): Promise<ActionResult<never>> {
  return { ok: false, error: { code: 'forbidden', message: 'Your role may not do this.' } };
}

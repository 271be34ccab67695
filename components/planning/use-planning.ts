'use client';

import { applyPlanningBatch } from '@/app/(dashboard)/planning/actions';
import { useAction, type UseActionOptions } from '@/components/ui/use-action';
import type { BatchOutcome, PlanningActionInput } from '@/lib/planning/action-types';
import type { ActionResult } from '@/lib/procedure/result';

/**
 * Sends planning actions of one project through the pipeline (each UI change is a recorded
 * action, under a key of its own so that a retried request is not applied twice); a refused
 * action is the form's error, in the database's or the pipeline's words.
 */
/** A fresh key per change (randomUUID needs a secure context; a plain-http address has none). */
function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function sendPlanningActions(projectId: string, actions: PlanningActionInput[]): Promise<ActionResult<BatchOutcome>> {
  return applyPlanningBatch({ projectId, actions, idempotencyKey: newKey() }).then((result) =>
    result.ok && result.data.rejected ? { ok: false, error: { code: 'conflict', message: result.data.rejected.reason ?? 'The change was refused.' } } : result,
  );
}

export function usePlanning(projectId: string, options: UseActionOptions<PlanningActionInput[], BatchOutcome> = {}) {
  return useAction((actions: PlanningActionInput[]) => sendPlanningActions(projectId, actions), options);
}

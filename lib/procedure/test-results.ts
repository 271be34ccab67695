import type { ActionResult } from './result';

/** A test's reading of an action's result: its data, or a thrown error naming the refusal and its field errors. */
export function ok<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message} ${JSON.stringify(result.error.fieldErrors ?? {})}`);
  return result.data;
}

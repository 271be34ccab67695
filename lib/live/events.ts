/**
 * The change feed's event, as the stream at /api/v1/events sends it (docs/live.md). Safe for
 * client components: it imports nothing.
 */
export const CHANGE_CHANNEL = 'gantry_changes';

export type ChangeOp = 'insert' | 'update' | 'delete';

export interface ChangeEvent {
  /** The change log's number: increasing, the stream's event id. */
  seq: number;
  /** The table that changed, e.g. 'roadmap_items', 'blockers', 'builders', 'compliance_results'. */
  type: string;
  /** The changed row's id within the organisation. */
  id: string;
  op: ChangeOp;
}

import 'server-only';

import { csvDocument, type CsvValue } from '../csv/write';
import type { ReleaseReview } from './review';

const COLUMNS = [
  'release_id',
  'release',
  'product',
  'verdict',
  'standard_id',
  'standard',
  'level',
  'check_type',
  'blocking',
  'applies_through',
  'latest',
  'result',
  'value',
  'threshold',
  'message',
  'note',
  'evidence_url',
  'checked_by',
  'checked_at',
  'waiver',
] as const;

/**
 * The release's compliance report: one line per result (newest first within each standard, the
 * latest marked), and one line for each applicable standard never checked; standards in the
 * review page's order. Every line carries the release's verdict and the standard's waiver, if any.
 */
export function complianceReportCsv({ release, verdict, standards }: ReleaseReview): string {
  const rows: CsvValue[][] = [];
  for (const s of standards) {
    const threshold = [s.thresholdMin !== null ? `>= ${s.thresholdMin}` : null, s.thresholdMax !== null ? `<= ${s.thresholdMax}` : null]
      .filter(Boolean)
      .join(' and ');
    const common = [
      release.id,
      release.name,
      release.product.name,
      verdict.label,
      s.id,
      s.name,
      s.level.label,
      s.checkType.label,
      s.isBlocking ? 'yes' : 'no',
      s.appliesThrough.map((a) => `${a.entityType} ${a.entityId}${a.inherited ? ' (inherited)' : ''}`).join('; ') || 'no longer assigned',
    ];
    const results = s.history.length ? s.history : [null];
    results.forEach((r, i) => {
      const row = [
        ...common,
        r ? (i === 0 ? 'yes' : 'no') : '',
        r?.result ?? 'not checked',
        r?.value,
        threshold,
        r?.message,
        r?.note,
        r?.evidenceUrl,
        r?.checkedBy,
        r?.checkedAt.toISOString(),
        s.waiver ? `${s.waiver.id}: ${s.waiver.reason}` : '',
      ];
      rows.push(row);
    });
  }
  return csvDocument(COLUMNS, rows);
}

import { FileText } from 'lucide-react';

import { formatInstant } from '@/components/releases/tones';
import { Badge } from '@/components/ui/badge';
import { CardBody, HeadedCard } from '@/components/ui/card';
import type { ActionResult } from '@/lib/procedure/result';
import type { CharterDocSummary } from '@/lib/standards/charters';

import { ActivateButton, CharterForm } from './charter-controls';
import type { FormAction } from './standard-form';

export function ChartersCard({
  charters,
  types,
  actions,
}: {
  charters: CharterDocSummary[];
  types: { key: string; label: string }[];
  actions?: { add: FormAction; activate: (input: { id: string }) => Promise<ActionResult<unknown>> };
}) {
  const typeLabel = new Map(types.map((t) => [t.key, t.label]));
  return (
    <HeadedCard
      headingId="charters-heading"
      icon={FileText}
      title="Charter documents"
      description="One active document per type. Activating another version retires the current one; the content hash proves which text was approved."
    >
      {charters.length === 0 ? (
        <p className="px-5 py-6 text-sm text-muted-foreground">No charter document yet.</p>
      ) : (
        <ul className="divide-y divide-border" data-testid="charters">
          {charters.map((doc) => (
            <li key={doc.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3" data-charter-id={doc.id}>
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  {doc.title} <span className="text-muted-foreground">v{doc.version}</span>
                  <Badge tone="violet">{typeLabel.get(doc.docTypeKey) ?? doc.docTypeKey}</Badge>
                  {doc.isActive ? <Badge tone="green">Active</Badge> : <Badge>Retired</Badge>}
                </p>
                <p className="text-xs text-muted-foreground">
                  {doc.id}
                  {doc.filePath && ` · ${doc.filePath}`}
                  {doc.approvedBy && ` · approved by ${doc.approvedBy}`}
                  {doc.approvedAt && `, ${formatInstant(doc.approvedAt)}`}
                </p>
                <p className="truncate font-mono text-xs text-muted-foreground" title={doc.contentHash}>
                  sha256 {doc.contentHash}
                </p>
              </div>
              {actions && !doc.isActive && <ActivateButton doc={doc} action={actions.activate} />}
            </li>
          ))}
        </ul>
      )}
      {actions && (
        <CardBody className="border-t border-border">
          <details>
            <summary className="cursor-pointer text-sm font-medium">Add a document</summary>
            <div className="pt-3">
              <CharterForm types={types} documents={charters.map((d) => ({ id: d.id, label: `${d.title} v${d.version} (${d.id})` }))} action={actions.add} />
            </div>
          </details>
        </CardBody>
      )}
    </HeadedCard>
  );
}

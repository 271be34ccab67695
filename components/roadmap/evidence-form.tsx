'use client';

import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { statusLabel } from '@/components/ui/status';
import type { ActionResult } from '@/lib/procedure/result';
import type { EVIDENCE_TYPES } from '@/lib/roadmap/evidence';

type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export type AttachRoadmapEvidence = (input: {
  workId: string;
  evidenceType: EvidenceType;
  uri: string;
  sha256?: string;
  title?: string;
}) => Promise<ActionResult<{ id: string; workId: string; sha256: string; hashedUri: boolean }>>;

/** Records evidence for an item: what a completion needs (roadmap_completion_requires_evidence). */
export function EvidenceForm({
  workId,
  types,
  attachRoadmapEvidence,
}: {
  workId: string;
  types: readonly string[];
  attachRoadmapEvidence: AttachRoadmapEvidence;
}) {
  const attach = useAction(attachRoadmapEvidence, {
    success: (r) => `Evidence ${r.id} recorded${r.hashedUri ? ' (SHA-256 of the URI)' : ''}.`,
    resetForm: true,
  });
  const problems = attach.fieldErrors;
  const field = (data: FormData, key: string) => String(data.get(key) ?? '').trim();

  return (
    <form
      id="attach-evidence"
      aria-label="Attach evidence"
      className="space-y-3"
      onSubmit={(event) =>
        attach.submit(event, (data) => ({
          workId,
          evidenceType: field(data, 'evidenceType') as EvidenceType,
          uri: field(data, 'uri'),
          sha256: field(data, 'sha256') || undefined,
          title: field(data, 'title') || undefined,
        }))
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Type" name="evidenceType" idPrefix="evidence" defaultValue="test_result" error={problems.evidenceType}>
          {types.map((t) => (
            <option key={t} value={t}>
              {statusLabel(t)}
            </option>
          ))}
        </SelectField>
        <TextField label="Title" name="title" idPrefix="evidence" placeholder="e.g. tests/kernel: 46 passed" error={problems.title} />
      </div>
      <TextField label="Where it is (URL or path)" name="uri" idPrefix="evidence" required placeholder="https://ci.example.com/runs/812" error={problems.uri} />
      <TextField
        label="SHA-256 (optional)"
        name="sha256"
        idPrefix="evidence"
        placeholder="64 hexadecimal characters"
        hint="The artifact’s hash. Left empty, Gantry records the SHA-256 of the URI itself: it pins what was referred to, not its content."
        error={problems.sha256}
      />
      <FormMessage error={attach.error} success={attach.success} testId="evidence-message" />
      <SubmitButton size="sm" pending={attach.pending} pendingLabel="Recording…">
        Attach evidence
      </SubmitButton>
    </form>
  );
}

'use client';

import { useRef } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';
import type { EVIDENCE_TYPES } from '@/lib/roadmap/evidence';

type EvidenceType = (typeof EVIDENCE_TYPES)[number];

import { words } from './tones';
import { useAction } from './use-action';

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
  const form = useRef<HTMLFormElement>(null);
  const { pending, state, run } = useAction(attachRoadmapEvidence);
  const field = (data: FormData, key: string) => String(data.get(key) ?? '').trim();

  return (
    <form
      ref={form}
      id="attach-evidence"
      aria-label="Attach evidence"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        run(
          { workId, evidenceType: field(data, 'evidenceType') as EvidenceType, uri: field(data, 'uri'), sha256: field(data, 'sha256') || undefined, title: field(data, 'title') || undefined },
          (r) => `Evidence ${r.id} recorded${r.hashedUri ? ' (SHA-256 of the URI)' : ''}.`,
          () => form.current?.reset(),
        );
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Type" name="evidenceType" idPrefix="evidence" defaultValue="test_result" error={state.fieldErrors?.evidenceType}>
          {types.map((t) => (
            <option key={t} value={t}>
              {words(t)}
            </option>
          ))}
        </SelectField>
        <TextField label="Title" name="title" idPrefix="evidence" placeholder="e.g. tests/kernel: 46 passed" error={state.fieldErrors?.title} />
      </div>
      <TextField label="Where it is (URL or path)" name="uri" idPrefix="evidence" required placeholder="https://ci.example.com/runs/812" error={state.fieldErrors?.uri} />
      <TextField
        label="SHA-256 (optional)"
        name="sha256"
        idPrefix="evidence"
        placeholder="64 hexadecimal characters"
        hint="The artifact’s hash. Left empty, Gantry records the SHA-256 of the URI itself: it pins what was referred to, not its content."
        error={state.fieldErrors?.sha256}
      />
      <FormMessage error={state.error} success={state.success} testId="evidence-message" />
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? 'Recording…' : 'Attach evidence'}
      </Button>
    </form>
  );
}

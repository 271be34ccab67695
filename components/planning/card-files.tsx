'use client';

import { Link2Off, Trash2 } from 'lucide-react';

import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { contextArtifactTypes, plannedFileActions, plannedFileKinds } from '@/lib/db/schema/planning-values';
import type { ArtifactView, PlannedFileView } from '@/lib/planning/story-map-types';
import { cn } from '@/lib/utils';

import { usePlanning } from './use-planning';

const control =
  'h-8 rounded-md border border-border bg-surface px-2 text-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30';
const STATUS_TONES: Record<string, string> = {
  proposed: 'bg-muted text-muted-foreground',
  user_edited: 'bg-amber-100 text-amber-900 dark:bg-amber-400/15 dark:text-amber-200',
  approved: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-400/15 dark:text-emerald-200',
};

/** The files a card plans to create or edit; a build needs one approved. */
export function PlannedFilesSection({ projectId, cardId, files, canEdit }: { projectId: string; cardId: string; files: PlannedFileView[]; canEdit: boolean }) {
  const planning = usePlanning(projectId);
  return (
    <section aria-labelledby="planned-files" className="space-y-3 rounded-xl border border-border bg-surface p-4 shadow-sm" data-testid="planned-files">
      <div>
        <h3 id="planned-files" className="font-semibold">
          Planned files <span className="text-sm font-normal text-muted-foreground">({files.length})</span>
        </h3>
        <p className="text-xs text-muted-foreground">What the build will create or edit. A build starts only on cards with an approved planned file.</p>
      </div>
      {files.length === 0 ? (
        <p className="text-sm text-muted-foreground">No planned files yet.</p>
      ) : (
        <ul className="divide-y divide-border">
          {files.map((file) => (
            <li key={file.id} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-testid="planned-file" data-file-id={file.id}>
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-xs">{file.logicalFileName}</p>
                <p className="text-xs text-muted-foreground">
                  {file.action} · {file.artifactKind} · {file.intentSummary}
                </p>
              </div>
              <span className={cn('rounded px-1.5 py-0.5 text-[11px] font-medium', STATUS_TONES[file.status])} data-testid="planned-file-status">
                {file.status.replace('_', ' ')}
              </span>
              {canEdit && file.status !== 'approved' && (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={planning.pending}
                  aria-label={`Approve ${file.logicalFileName}`}
                  onClick={() => planning.run([{ type: 'upsertCardPlannedFile', cardId, fileId: file.id, status: 'approved' }])}
                >
                  Approve
                </Button>
              )}
              {canEdit && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="h-7 px-1.5"
                  disabled={planning.pending}
                  aria-label={`Delete ${file.logicalFileName}`}
                  onClick={() => planning.run([{ type: 'upsertCardPlannedFile', cardId, fileId: file.id, deleted: true }])}
                >
                  <Trash2 className="size-3.5" aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          key={files.length}
          className="grid gap-2 sm:grid-cols-[1fr_auto_auto]"
          onSubmit={(event) =>
            planning.submit(event, (data) => [
              {
                type: 'upsertCardPlannedFile',
                cardId,
                logicalFileName: String(data.get('logicalFileName') ?? ''),
                artifactKind: String(data.get('artifactKind')) as (typeof plannedFileKinds)[number],
                action: String(data.get('action')) as (typeof plannedFileActions)[number],
                intentSummary: String(data.get('intentSummary') ?? ''),
              },
            ])
          }
        >
          <input name="logicalFileName" aria-label="File" placeholder="File, e.g. app/signup/form.tsx" required maxLength={500} className={control} />
          <select name="artifactKind" aria-label="Kind" className={control} defaultValue="component">
            {plannedFileKinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <select name="action" aria-label="Action" className={control} defaultValue="create">
            {plannedFileActions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
          <input
            name="intentSummary"
            aria-label="What it is for"
            placeholder="What it is for"
            required
            maxLength={2000}
            className={`${control} sm:col-span-2`}
          />
          <Button type="submit" size="sm" variant="secondary" disabled={planning.pending}>
            Plan file
          </Button>
        </form>
      )}
      <FormMessage error={planning.error} testId="planned-files-message" />
    </section>
  );
}

/** The project's context artifacts: those linked to the card, linking one more, and making a new one. */
export function ArtifactsSection({
  projectId,
  cardId,
  artifacts,
  canEdit,
}: {
  projectId: string;
  cardId: string;
  artifacts: ArtifactView[];
  canEdit: boolean;
}) {
  const planning = usePlanning(projectId);
  const linked = artifacts.filter((a) => a.linked);
  const others = artifacts.filter((a) => !a.linked);
  return (
    <section aria-labelledby="artifacts" className="space-y-3 rounded-xl border border-border bg-surface p-4 shadow-sm" data-testid="artifacts">
      <div>
        <h3 id="artifacts" className="font-semibold">
          Context artifacts <span className="text-sm font-normal text-muted-foreground">({linked.length})</span>
        </h3>
        <p className="text-xs text-muted-foreground">
          Documents, designs, links and tests the builder reads. Each holds content, a URI or an integration reference.
        </p>
      </div>
      {linked.length === 0 ? (
        <p className="text-sm text-muted-foreground">No artifacts linked to this card yet.</p>
      ) : (
        <ul className="divide-y divide-border">
          {linked.map((a) => (
            <li key={a.id} className="flex items-center gap-2 py-2 text-sm" data-testid="artifact">
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {a.name} <span className="text-xs font-normal text-muted-foreground">{a.type}</span>
                </p>
                <p className="truncate text-xs text-muted-foreground">{a.source}</p>
              </div>
              {canEdit && (
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={planning.pending}
                  aria-label={`Unlink ${a.name}`}
                  onClick={() => planning.run([{ type: 'linkContextArtifact', cardId, artifactId: a.id, unlink: true }])}
                >
                  <Link2Off className="size-3.5" aria-hidden /> Unlink
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && others.length > 0 && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(event) => planning.submit(event, (data) => [{ type: 'linkContextArtifact', cardId, artifactId: String(data.get('artifactId')) }])}
        >
          <select name="artifactId" aria-label="Artifact of this project" className={`${control} min-w-48 flex-1`}>
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.type})
              </option>
            ))}
          </select>
          <Button type="submit" size="sm" variant="secondary" disabled={planning.pending}>
            Link
          </Button>
        </form>
      )}
      {canEdit && (
        <form
          key={artifacts.length}
          className="grid gap-2 sm:grid-cols-[1fr_auto]"
          onSubmit={(event) =>
            planning.submit(event, (data) => [
              {
                type: 'createContextArtifact',
                cardId,
                name: String(data.get('name') ?? ''),
                artifactType: String(data.get('artifactType')) as (typeof contextArtifactTypes)[number],
                uri: String(data.get('uri') ?? ''),
                content: String(data.get('content') ?? ''),
              },
            ])
          }
        >
          <input name="name" aria-label="New artifact’s name" placeholder="New artifact’s name" required maxLength={200} className={control} />
          <select name="artifactType" aria-label="Type" className={control} defaultValue="doc">
            {contextArtifactTypes.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
          <input name="uri" aria-label="URI" placeholder="URI (https://…)" maxLength={2000} className={`${control} sm:col-span-2`} />
          <textarea name="content" aria-label="Content" placeholder="Or its content" maxLength={10000} className={`${control} h-20 py-1.5 sm:col-span-2`} />
          <Button type="submit" size="sm" variant="secondary" disabled={planning.pending} className="justify-self-start">
            Create and link
          </Button>
        </form>
      )}
      <FormMessage error={planning.error} testId="artifacts-message" />
    </section>
  );
}

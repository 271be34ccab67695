'use client';

import { FileUp, Upload } from 'lucide-react';
import { useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { FilterField, filterControl } from '@/components/ui/filter-bar';
import { FormMessage } from '@/components/ui/field';
import { Link } from '@/components/ui/link';
import { Progress } from '@/components/ui/progress';
import { checkImportInChunks, ImportFileError, tooLargeMessage, type CheckedImport, type ImportFormat } from '@/lib/imports/check';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, IMPORT_KINDS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportKind, type ImportResult } from '@/lib/imports/kinds';
import type { ActionResult } from '@/lib/procedure/result';

import { RowErrors, RowPreview } from './import-preview';

type Stage =
  | { name: 'idle' }
  | { name: 'checking'; progress: number }
  | { name: 'checked'; checked: CheckedImport }
  | { name: 'writing'; checked: CheckedImport }
  | { name: 'done'; result: ImportResult };

const BOARD_KIND: Record<ImportKind, string> = { cr: 'cr', roadmap: 'roadmap', bug: 'bug', task: 'task' };

function formatOf(file: File): ImportFormat {
  return /\.json$/i.test(file.name) || file.type === 'application/json' ? 'json' : 'csv';
}

/** Pick a kind and a file; the file is checked here first (a preview with every row's problems), then written all at once or not at all. */
export function ImportForm({ initialKind }: { initialKind: ImportKind }) {
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<{ name: string; text: string; format: ImportFormat } | null>(null);
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; fieldErrors?: Record<string, string> } | null>(null);
  const run = useRef(0);
  // A new key empties the file input ("import another file").
  const [inputKey, setInputKey] = useState(0);
  const labels = IMPORT_KIND_LABELS[kind];

  async function check(next: { name: string; text: string; format: ImportFormat }, forKind: ImportKind) {
    const mine = ++run.current;
    setError(null);
    setRefusal(null);
    setStage({ name: 'checking', progress: 0 });
    try {
      const checked = await checkImportInChunks(
        next.text,
        next.format,
        forKind,
        (progress) => mine === run.current && setStage({ name: 'checking', progress }),
      );
      if (mine === run.current) setStage({ name: 'checked', checked });
    } catch (problem) {
      if (mine !== run.current) return;
      setStage({ name: 'idle' });
      setError(problem instanceof ImportFileError ? problem.message : 'The file could not be read.');
    }
  }

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setFile(null);
      setStage({ name: 'idle' });
      return setError(tooLargeMessage(chosen.size));
    }
    const next = { name: chosen.name, text: await chosen.text(), format: formatOf(chosen) };
    setFile(next);
    await check(next, kind);
  }

  async function write() {
    if (!file || stage.name !== 'checked') return;
    setStage({ name: 'writing', checked: stage.checked });
    setRefusal(null);
    const response = await fetch(`/api/import?kind=${kind}&format=${file.format}`, {
      method: 'POST',
      headers: { 'content-type': file.format === 'json' ? 'application/json' : 'text/csv' },
      body: file.text,
    }).catch(() => null);
    const result = (await response?.json().catch(() => null)) as ActionResult<ImportResult> | null;
    if (result?.ok) return setStage({ name: 'done', result: result.data });
    setStage({ name: 'checked', checked: stage.checked });
    setRefusal(result ? result.error : { message: 'Gantry could not be reached; nothing was imported. Try again.' });
  }

  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`${IMPORT_COLUMNS[kind].map((c) => c.column).join(',')}\r\n`)}`;
  const checked = stage.name === 'checked' || stage.name === 'writing' ? stage.checked : null;
  const writable = checked && checked.errors.length === 0 && checked.total > 0;

  return (
    <div className="space-y-4">
      <Card className="space-y-4 p-5">
        <div className="flex flex-wrap items-end gap-3">
          <FilterField label="What to import">
            <select
              className={filterControl}
              value={kind}
              data-testid="import-kind"
              disabled={stage.name === 'writing'}
              onChange={(e) => {
                const next = e.target.value as ImportKind;
                setKind(next);
                if (file) void check(file, next);
              }}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {IMPORT_KIND_LABELS[k].many[0]!.toUpperCase() + IMPORT_KIND_LABELS[k].many.slice(1)}
                </option>
              ))}
            </select>
          </FilterField>
          <FilterField label="File (CSV or JSON)">
            <input
              key={inputKey}
              type="file"
              accept=".csv,.json,text/csv,application/json"
              data-testid="import-file"
              disabled={stage.name === 'writing'}
              onChange={(e) => void choose(e.target.files?.[0])}
              className="text-sm file:mr-3 file:h-9 file:rounded-md file:border file:border-border file:bg-surface file:px-3 file:text-sm file:font-medium file:text-foreground hover:file:bg-muted"
            />
          </FilterField>
          <a href={template} download={`${kind}-import-template.csv`} className="pb-2 text-sm text-primary underline-offset-2 hover:underline">
            Download a template
          </a>
        </div>
        <p className="text-xs text-muted-foreground">
          Columns: {IMPORT_COLUMNS[kind].map((c) => (c.required ? `${c.column} (required)` : c.column)).join(', ')}. At most {IMPORT_MAX_BYTES / 1024 / 1024} MB
          and {IMPORT_MAX_ROWS.toLocaleString('en')} rows. See{' '}
          <Link href="/import#help" className="underline">
            the formats
          </Link>{' '}
          below.
        </p>
        <FormMessage error={error} testId="import-message" />
      </Card>

      {stage.name === 'checking' && (
        <Card className="space-y-2 p-5" aria-live="polite">
          <p className="text-sm">
            Reading and checking {file?.name}… {Math.round(stage.progress * 100)}%
          </p>
          <Progress value={stage.progress * 100} label="Checking the file" />
        </Card>
      )}

      {checked && (
        <Card className="space-y-4 p-5" data-testid="import-preview">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm">
              <FileUp className="mr-1.5 inline size-4 text-muted-foreground" aria-hidden />
              <strong>{file?.name}</strong>: {checked.total.toLocaleString('en')} {checked.total === 1 ? labels.one : labels.many}
              {checked.errors.length === 0 && checked.total > 0 ? ', all fine.' : '.'}
            </p>
            <Button
              onClick={() => void write()}
              disabled={!writable || stage.name === 'writing'}
              data-testid="import-submit"
              aria-busy={stage.name === 'writing' || undefined}
            >
              <Upload className="size-4" aria-hidden />
              {stage.name === 'writing' ? 'Importing…' : `Import ${checked.total.toLocaleString('en')} ${checked.total === 1 ? labels.one : labels.many}`}
            </Button>
          </div>
          {stage.name === 'writing' && (
            <div className="space-y-1" aria-live="polite">
              <p className="text-sm text-muted-foreground">Writing {checked.total.toLocaleString('en')} rows in one transaction: all of them, or none…</p>
              <div className="h-2 w-full overflow-hidden rounded-full bg-muted">
                <div className="h-full w-1/3 animate-pulse rounded-full bg-primary" />
              </div>
            </div>
          )}
          {refusal && (
            <div
              role="alert"
              data-testid="import-refusal"
              className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-400/30 dark:bg-red-400/10 dark:text-red-200"
            >
              {refusal.message}
            </div>
          )}
          {checked.total === 0 && <p className="text-sm text-muted-foreground">The file has a header but no rows.</p>}
          <RowErrors errors={checked.errors} />
          {checked.total > 0 && <RowPreview kind={kind} checked={checked} />}
        </Card>
      )}

      {stage.name === 'done' && (
        <div
          data-testid="import-done"
          className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-sm text-emerald-900 dark:border-emerald-400/30 dark:bg-emerald-400/10 dark:text-emerald-100"
          role="status"
        >
          Imported {stage.result.count.toLocaleString('en')} {stage.result.count === 1 ? labels.one : labels.many}
          {stage.result.firstId && kind !== 'task' ? ` (${stage.result.firstId}${stage.result.count > 1 ? ` to ${stage.result.lastId}` : ''})` : ''}, recorded
          as yours.{' '}
          <Link href={`/board?kind=${BOARD_KIND[kind]}`} className="font-medium underline">
            Open the board
          </Link>{' '}
          or{' '}
          <button type="button" className="font-medium underline" onClick={() => (setFile(null), setStage({ name: 'idle' }), setInputKey((k) => k + 1))}>
            import another file
          </button>
          .
        </div>
      )}
    </div>
  );
}

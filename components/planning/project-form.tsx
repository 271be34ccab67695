'use client';

import { Pencil, Plus } from 'lucide-react';
import { useState } from 'react';

import { createProject, updateProject } from '@/app/(dashboard)/planning/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader, DialogTrigger } from '@/components/ui/dialog';
import { FormMessage, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

export interface ProjectValues {
  id: string;
  name: string;
  repoUrl: string | null;
  defaultBranch: string;
  description: string | null;
}

function ProjectFields({ values, errors }: { values?: ProjectValues; errors: Record<string, string | undefined> }) {
  return (
    <div className="grid gap-4">
      <TextField idPrefix="project" label="Name" name="name" defaultValue={values?.name} required autoFocus error={errors.name} />
      <TextField
        idPrefix="project"
        label="Repository URL"
        name="repoUrl"
        defaultValue={values?.repoUrl ?? ''}
        placeholder="https://github.com/acme/app"
        hint="Where builds push their branches; a build needs one."
        error={errors.repoUrl}
      />
      <TextField
        idPrefix="project"
        label="Default branch"
        name="defaultBranch"
        defaultValue={values?.defaultBranch ?? 'main'}
        required
        error={errors.defaultBranch}
      />
      <TextAreaField idPrefix="project" label="Description" name="description" defaultValue={values?.description ?? ''} error={errors.description} />
    </div>
  );
}

/** "New project": a name, the repository and its default branch, a description. */
export function NewProjectButton({ label = 'New project' }: { label?: string }) {
  const [open, setOpen] = useState(false);
  const create = useAction(createProject, { onSuccess: () => setOpen(false), success: 'Project created.' });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus className="size-4" aria-hidden /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="project-dialog">
        <DialogHeader title="New project" description="A project holds a story map: workflows, their activities and the cards under them." />
        <form onSubmit={(event) => create.submit(event)} className="space-y-4">
          <ProjectFields errors={create.fieldErrors} />
          <FormMessage error={create.error} />
          <DialogFormFooter pending={create.pending} pendingLabel="Creating…">
            Create project
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function EditProjectButton({ project }: { project: ProjectValues }) {
  const [open, setOpen] = useState(false);
  const update = useAction(updateProject, { onSuccess: () => setOpen(false) });
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm" variant="ghost" aria-label={`Edit ${project.name}`}>
          <Pencil className="size-4" aria-hidden /> Edit
        </Button>
      </DialogTrigger>
      <DialogContent data-testid="project-dialog" data-live-entity={`project:${project.id}`}>
        <DialogHeader title={`Edit ${project.name}`} />
        <form
          onSubmit={(event) =>
            update.submit(event, (data) => ({
              id: project.id,
              name: String(data.get('name') ?? ''),
              repoUrl: String(data.get('repoUrl') ?? ''),
              defaultBranch: String(data.get('defaultBranch') ?? ''),
              description: String(data.get('description') ?? ''),
            }))
          }
          className="space-y-4"
        >
          <ProjectFields values={project} errors={update.fieldErrors} />
          <FormMessage error={update.error} />
          <DialogFormFooter pending={update.pending} pendingLabel="Saving…">
            Save
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

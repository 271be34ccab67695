'use client';

import { FormMessage, SubmitButton, TextAreaField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

// The check types arrive as the schema's own constants; the form sends what was ticked and the action checks it.
type PolicyInput = { projectId: string; requiredChecks: never[]; protectedPaths: string; forbiddenPaths: string };

/** The project's build policy: required checks (checkboxes) and path lists (one per line). */
export function PolicyForm({
  projectId,
  checkTypes,
  policy,
  save,
  canEdit,
}: {
  projectId: string;
  checkTypes: readonly string[];
  policy: { requiredChecks: string[]; protectedPaths: string[] | null; forbiddenPaths: string[] | null } | null;
  save: (input: PolicyInput) => Promise<ActionResult<unknown>>;
  canEdit: boolean;
}) {
  const action = useAction(save, { success: 'Saved: runs started from now on use this policy.' });
  return (
    <form
      noValidate
      className="space-y-5"
      data-testid="policy-form"
      onSubmit={(event) =>
        action.submit(event, (data) => ({
          projectId,
          requiredChecks: data.getAll('requiredChecks').map(String) as never[],
          protectedPaths: String(data.get('protectedPaths') ?? ''),
          forbiddenPaths: String(data.get('forbiddenPaths') ?? ''),
        }))
      }
    >
      <fieldset className="space-y-2" disabled={!canEdit} aria-describedby="required-checks-hint">
        <legend className="text-sm font-medium">Required checks</legend>
        <p id="required-checks-hint" className="text-xs text-muted-foreground">
          A run’s pull request is approved only when the latest result of each of these passed. A workflow run also needs integration.
        </p>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {checkTypes.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="requiredChecks" value={type} defaultChecked={policy?.requiredChecks.includes(type)} />
              {type}
            </label>
          ))}
        </div>
        {action.fieldErrors.requiredChecks && <p className="text-xs font-medium text-red-600 dark:text-red-400">{action.fieldErrors.requiredChecks}</p>}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <TextAreaField
          label="Forbidden paths"
          name="forbiddenPaths"
          rows={4}
          disabled={!canEdit}
          defaultValue={(policy?.forbiddenPaths ?? []).join('\n')}
          hint="One per line. No assignment may allow a path that contains one."
          error={action.fieldErrors.forbiddenPaths}
        />
        <TextAreaField
          label="Protected paths"
          name="protectedPaths"
          rows={4}
          disabled={!canEdit}
          defaultValue={(policy?.protectedPaths ?? []).join('\n')}
          hint="One per line. Kept in each run’s snapshot for its builders."
          error={action.fieldErrors.protectedPaths}
        />
      </div>
      <FormMessage error={action.error} success={action.success} testId="policy-message" />
      {canEdit && (
        <SubmitButton pending={action.pending} pendingLabel="Saving…">
          Save policy
        </SubmitButton>
      )}
    </form>
  );
}

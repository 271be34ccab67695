import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { createBugInput } from '../plan/bugs';
import { createChangeRequestInput } from '../plan/change-requests';
import { createRoadmapItemInput } from '../plan/roadmap-items';
import { createTaskInput } from '../plan/tasks';
import { IMPORT_COLUMNS, IMPORT_KINDS, type ImportKind } from './kinds';

/** An import requires what the kind's create form requires, no more and no less. */
const CREATE_INPUTS: Record<ImportKind, z.ZodObject> = {
  cr: createChangeRequestInput,
  roadmap: createRoadmapItemInput as unknown as z.ZodObject,
  bug: createBugInput,
  task: createTaskInput,
};

describe('import columns', () => {
  it.each(IMPORT_KINDS)('%s: the required columns are the create form’s required fields', (kind) => {
    const shape = CREATE_INPUTS[kind].shape as Record<string, z.ZodType>;
    const required = Object.keys(shape).filter((key) => !shape[key]!.safeParse(undefined).success);
    expect(
      IMPORT_COLUMNS[kind]
        .filter((c) => c.required)
        .map((c) => c.field)
        .sort(),
    ).toEqual(required.sort());
    // Every field the create form takes can be imported.
    expect(Object.keys(shape).filter((key) => !IMPORT_COLUMNS[kind].some((c) => c.field === key))).toEqual([]);
  });
});

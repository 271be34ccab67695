import { z } from 'zod';

import { describeRowError, checkImport, ImportFileError, TOO_LARGE } from '@/lib/imports/check';
import { IMPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_MAX_BYTES } from '@/lib/imports/kinds';
import { writeImport } from '@/lib/imports/write';
import { ActionError } from '@/lib/procedure/result';
import { defineUploadRoute, UploadedText } from '@/lib/procedure/upload-route';

export const dynamic = 'force-dynamic';

/**
 * POST /api/import?kind=cr|roadmap|bug|task&format=csv|json, the file as the body: checks every
 * row, then writes them all in one transaction or none (docs/import-export.md).
 */
export const POST = defineUploadRoute({
  name: 'importWorkItems',
  access: { permission: 'plan:edit' },
  limit: IMPORT_MAX_BYTES,
  tooLarge: TOO_LARGE,
  input: z.object({
    kind: z.enum(IMPORT_KINDS, { message: 'Choose what to import: cr, roadmap, bug or task.' }),
    format: z.enum(['csv', 'json'], { message: 'Say the file’s format: csv or json.' }),
    file: z.instanceof(UploadedText),
  }),
  run: async ({ tx, caller, input }) => {
    let checked;
    try {
      checked = checkImport(input.file.text, input.format, input.kind);
    } catch (error) {
      if (error instanceof ImportFileError) throw new ActionError('invalid_input', error.message);
      throw error;
    }
    if (checked.errors.length) {
      const first = checked.errors.slice(0, 50);
      const rows = new Set(checked.errors.map((e) => e.row)).size;
      throw new ActionError(
        'invalid_input',
        `${rows} row${rows === 1 ? '' : 's'} of ${checked.total} need${rows === 1 ? 's' : ''} another look; nothing was imported. First: ${describeRowError(checked.errors[0]!)}`,
        Object.fromEntries(first.map((e) => [`row ${e.row}${e.column ? ` ${e.column}` : ''}`, e.reason])),
      );
    }
    if (!checked.total) throw new ActionError('invalid_input', `The file has no ${IMPORT_KIND_LABELS[input.kind].many} to import: only a header.`);
    return writeImport(tx, caller, input.kind, checked.rows);
  },
});

import { Card } from '@/components/ui/card';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, IMPORT_KINDS } from '@/lib/imports/kinds';

/** The columns of each kind, and an example of each format. */
export function ImportHelp() {
  return (
    <Card id="help" className="space-y-3 p-5 text-sm">
      <h2 className="font-semibold">Formats</h2>
      <p className="text-muted-foreground">
        CSV: a header line naming the columns, then a row per item (UTF-8, with or without a byte-order mark; commas, quotes and line breaks inside
        double-quoted cells). JSON: an array of objects keyed by the same column names. An empty optional cell takes the form’s default. Ids are made as the
        create forms make them.
      </p>
      <ul className="space-y-1">
        {IMPORT_KINDS.map((kind) => (
          <li key={kind}>
            <span className="font-medium">{IMPORT_KIND_LABELS[kind].many}</span>:{' '}
            {IMPORT_COLUMNS[kind].map((c, i) => (
              <span key={c.column}>
                {i > 0 && ', '}
                <code className={c.required ? 'font-semibold' : 'text-muted-foreground'}>{c.column}</code>
              </span>
            ))}
          </li>
        ))}
      </ul>
      <pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs">
        {'product_id,title,size,description\nmotus,Retry failed uploads,M,"Three tries, then give up"\n'}
      </pre>
      <pre className="overflow-x-auto rounded-md bg-muted p-3 text-xs">{'[{ "title": "Offline mode", "phase": "phase_b", "program_id": "motus-cli" }]'}</pre>
      <p className="text-xs text-muted-foreground">Required columns are in bold.</p>
    </Card>
  );
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { ArrowRight, Bookmark, Building2, Clock, Keyboard, Loader2, Monitor, Moon, Plus, Search, Sun } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useTheme } from 'next-themes';
import { useEffect, useMemo, useState, type ReactNode } from 'react';

import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';
import { useSavedViews } from '@/components/views/saved-views-context';
import { useAction } from '@/components/ui/use-action';
import type { OrganisationChoice } from '@/lib/auth/identity';
import { SEARCH_KIND_LABELS, type SearchHit } from '@/lib/search/kinds';
import { searchWords } from '@/lib/search/words';

import { readRecent, rememberRecent, type RecentItem } from './recent-items';
import type { SwitchOrganisation } from './organisation-switcher';
import { GO_SHORTCUTS } from './shortcuts';

export type PaletteMode = 'all' | 'create';

interface PaletteProps {
  open: boolean;
  mode: PaletteMode;
  onOpenChange: (open: boolean) => void;
  organisation: { id: string; name: string };
  organisations: OrganisationChoice[];
  switchOrganisation: SwitchOrganisation;
  /** The create commands this member may use ("New program" needs plan:edit). */
  onNewProgram?: () => void;
  onShowShortcuts: () => void;
}

async function fetchResults(q: string, signal: AbortSignal): Promise<SearchHit[]> {
  const response = await fetch(`/api/search?q=${encodeURIComponent(q)}`, { signal, headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as { ok: true; data: SearchHit[] } | { ok: false; error: { message: string } } | null;
  if (!body) throw new Error('Gantry could not be reached. Try again.');
  if (!body.ok) throw new Error(body.error.message);
  return body.data;
}

/** Every word of the query in the command's words: how the commands are filtered (the search is the server's). */
const matches = (text: string, query: string) => query.split(/\s+/).every((word) => text.toLowerCase().includes(word.toLowerCase()));

/** Each row's cmdk value (lower case: cmdk compares them so). */
const key = {
  recent: (href: string) => `recent ${href}`.toLowerCase(),
  hit: (hit: SearchHit) => `hit ${hit.kind}:${hit.id}`.toLowerCase(),
  create: (label: string) => `create ${label}`.toLowerCase(),
  view: (id: string) => `view ${id}`.toLowerCase(),
  go: (href: string) => `go ${href}`,
  org: (id: string) => `org ${id}`.toLowerCase(),
  theme: (value: string) => `theme ${value}`,
  help: 'help',
};

const itemClass =
  'flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 text-sm text-foreground data-[selected=true]:bg-primary/12 data-[selected=true]:outline data-[selected=true]:outline-1 data-[selected=true]:outline-primary/40';

function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="rounded border border-border bg-muted px-1.5 py-0.5 font-mono text-[11px] text-muted-foreground">{children}</kbd>;
}

/**
 * The command palette (Ctrl+K / Cmd+K): cmdk inside the app's Radix dialog. Typing searches
 * the organisation (GET /api/search, debounced); the commands (go to a page, create, switch
 * organisation, theme) and the organisation's saved views are filtered here. With nothing typed it offers recent items first.
 */
export function CommandPalette({ open, mode, onOpenChange, organisation, organisations, switchOrganisation, onNewProgram, onShowShortcuts }: PaletteProps) {
  const router = useRouter();
  const { setTheme } = useTheme();
  const switching = useAction(switchOrganisation);
  const savedViews = useSavedViews();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [selected, setSelected] = useState('');

  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(query.trim()), 150);
    return () => window.clearTimeout(timer);
  }, [query]);

  const searching = open && mode === 'all' && searchWords(debounced).length > 0;
  const results = useQuery({
    queryKey: ['palette-search', organisation.id, debounced],
    queryFn: ({ signal }) => fetchResults(debounced, signal),
    enabled: searching,
    staleTime: 30_000,
    retry: false,
  });

  const changeOpen = (next: boolean) => {
    if (!next) setQuery('');
    onOpenChange(next);
  };
  // Read each time it opens (only ever in the browser: it starts closed).
  const recent = useMemo(() => (open ? readRecent() : []), [open]);

  const run = (action: () => void) => {
    changeOpen(false);
    action();
  };
  const openItem = (item: RecentItem) =>
    run(() => {
      rememberRecent(item);
      router.push(item.href);
    });

  const q = query.trim();
  const create = onNewProgram ? [{ label: 'New program', run: onNewProgram }] : [];
  const commands = {
    create: create.filter((c) => matches(c.label, q)),
    views: mode === 'all' ? savedViews.filter((v) => matches(`View ${v.name}`, q)) : [],
    go: mode === 'all' ? GO_SHORTCUTS.filter((g) => matches(`Go to ${g.label}`, q)) : [],
    organisations: mode === 'all' ? organisations.filter((o) => o.id !== organisation.id && matches(`Switch organisation ${o.name}`, q)) : [],
    themes:
      mode === 'all'
        ? (
            [
              ['light', 'Light', Sun],
              ['dark', 'Dark', Moon],
              ['system', 'System', Monitor],
            ] as const
          ).filter(([, label]) => matches(`Theme ${label}`, q))
        : [],
    help: mode === 'all' && matches('Keyboard shortcuts help', q),
  };
  const hits = searching && results.data && debounced === q ? results.data : [];
  const recentShown = mode === 'all' && !q ? recent : [];
  // The row the arrow keys are on: the one chosen while it is still shown, else the first (cmdk
  // would keep pointing at a row that a new answer removed).
  const values = [
    ...recentShown.map((item) => key.recent(item.href)),
    ...hits.map(key.hit),
    ...commands.create.map((c) => key.create(c.label)),
    ...commands.views.map((v) => key.view(v.id)),
    ...commands.go.map((g) => key.go(g.href)),
    ...commands.organisations.map((o) => key.org(o.id)),
    ...commands.themes.map(([value]) => key.theme(value)),
    ...(commands.help ? [key.help] : []),
  ];
  const current = values.includes(selected) ? selected : (values[0] ?? '');
  const tooShort = mode === 'all' && q.length > 0 && searchWords(q).length === 0;

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent data-command-palette className="top-[12vh] max-h-[76vh] translate-y-0 overflow-hidden p-0 sm:w-[min(40rem,calc(100vw-2rem))]">
        <DialogTitle className="sr-only">{mode === 'create' ? 'Create' : 'Command palette'}</DialogTitle>
        <DialogDescription className="sr-only">Search programs, roadmap items, tasks and more by id or title, or run a command.</DialogDescription>
        <Command
          shouldFilter={false}
          loop
          value={current}
          onValueChange={setSelected}
          label={mode === 'create' ? 'Create' : 'Search and commands'}
          className="flex max-h-[76vh] flex-col"
        >
          <div className="flex items-center gap-2 border-b border-border px-4">
            <Search className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <Command.Input
              value={query}
              onValueChange={setQuery}
              placeholder={mode === 'create' ? 'Create…' : 'Search by id or title, or type a command…'}
              className="h-12 w-full bg-transparent text-sm outline-none placeholder:text-muted-foreground"
              data-testid="palette-input"
            />
            {searching && results.isFetching && <Loader2 className="size-4 shrink-0 animate-spin text-muted-foreground" aria-label="Searching" />}
          </div>
          <Command.List className="min-h-0 flex-1 overflow-y-auto p-2 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground">
            {searching && results.isPending && <Command.Loading className="px-3 py-2 text-sm text-muted-foreground">Searching…</Command.Loading>}
            {searching && results.error && (
              <p role="alert" className="px-3 py-2 text-sm text-red-600 dark:text-red-400">
                {results.error.message}
              </p>
            )}
            <Command.Empty className="px-3 py-6 text-center text-sm text-muted-foreground">
              {searching && results.isPending ? 'Searching…' : q ? `Nothing matches “${q}”.` : 'Nothing to show.'}
            </Command.Empty>
            {tooShort && <p className="px-3 py-2 text-xs text-muted-foreground">Type three letters or more to search the organisation.</p>}
            {recentShown.length > 0 && (
              <Command.Group heading="Recent">
                {recentShown.map((item) => (
                  <Command.Item key={item.href} value={key.recent(item.href)} onSelect={() => openItem(item)} className={itemClass}>
                    <Clock className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <HitText title={item.title} kind={SEARCH_KIND_LABELS[item.kind]} id={item.id} />
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {hits.length > 0 && (
              <Command.Group heading="Results">
                {hits.map((hit) => (
                  <Command.Item
                    key={`${hit.kind}:${hit.id}`}
                    value={key.hit(hit)}
                    onSelect={() => openItem(hit)}
                    className={itemClass}
                    data-testid="palette-hit"
                  >
                    <ArrowRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <HitText title={hit.title} kind={SEARCH_KIND_LABELS[hit.kind]} id={hit.id} />
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {commands.create.length > 0 && (
              <Command.Group heading="Create">
                {commands.create.map((c) => (
                  <Command.Item key={c.label} value={key.create(c.label)} onSelect={() => run(c.run)} className={itemClass}>
                    <Plus className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    {c.label}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {commands.views.length > 0 && (
              <Command.Group heading="Saved views">
                {commands.views.map((v) => (
                  <Command.Item key={v.id} value={key.view(v.id)} onSelect={() => run(() => router.push(v.href))} className={itemClass}>
                    <Bookmark className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    {v.name}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {commands.go.length > 0 && (
              <Command.Group heading="Go to">
                {commands.go.map((g) => (
                  <Command.Item key={g.href} value={key.go(g.href)} onSelect={() => run(() => router.push(g.href))} className={itemClass}>
                    <ArrowRight className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="flex-1">{g.label}</span>
                    <span className="flex gap-1" aria-label={`Shortcut g then ${g.key}`}>
                      <Kbd>g</Kbd>
                      <Kbd>{g.key}</Kbd>
                    </span>
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {commands.organisations.length > 0 && (
              <Command.Group heading="Organisation">
                {commands.organisations.map((o) => (
                  <Command.Item key={o.id} value={key.org(o.id)} onSelect={() => run(() => switching.run({ organisationId: o.id }))} className={itemClass}>
                    <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    Switch to {o.name}
                  </Command.Item>
                ))}
              </Command.Group>
            )}
            {(commands.themes.length > 0 || commands.help) && (
              <Command.Group heading="Preferences">
                {commands.themes.map(([value, label, Icon]) => (
                  <Command.Item key={value} value={key.theme(value)} onSelect={() => run(() => setTheme(value))} className={itemClass}>
                    <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    Theme: {label}
                  </Command.Item>
                ))}
                {commands.help && (
                  <Command.Item value={key.help} onSelect={() => run(onShowShortcuts)} className={itemClass}>
                    <Keyboard className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <span className="flex-1">Keyboard shortcuts</span>
                    <Kbd>?</Kbd>
                  </Command.Item>
                )}
              </Command.Group>
            )}
          </Command.List>
          {switching.error && (
            <p role="alert" className="border-t border-border px-4 py-2 text-sm text-red-600 dark:text-red-400">
              {switching.error}
            </p>
          )}
        </Command>
      </DialogContent>
    </Dialog>
  );
}

function HitText({ title, kind, id }: { title: string; kind: string; id: string }) {
  return (
    <span className="flex min-w-0 flex-1 flex-col sm:flex-row sm:items-baseline sm:gap-2">
      <span className="truncate">{title}</span>
      <span className="shrink-0 truncate text-xs text-muted-foreground sm:ml-auto">
        {kind} · <span className="font-mono">{id.length > 24 ? `${id.slice(0, 8)}…` : id}</span>
      </span>
    </span>
  );
}

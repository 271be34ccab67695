'use client';

import { usePathname } from 'next/navigation';
import { useEffect } from 'react';

import { SEARCH_KIND_LABELS, type SearchKind } from '@/lib/search/kinds';

/** What the palette offers first when nothing is typed: what this person opened last, in this browser. */
export interface RecentItem {
  kind: SearchKind;
  id: string;
  title: string;
  href: string;
}

const STORAGE_KEY = 'gantry.palette.recent';
const KEEP = 8;

export function readRecent(): RecentItem[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.filter((item): item is RecentItem => {
      const i = item as Partial<RecentItem> | null;
      return typeof i?.href === 'string' && i.href.startsWith('/') && typeof i.title === 'string' && typeof i.kind === 'string' && i.kind in SEARCH_KIND_LABELS;
    });
  } catch {
    return [];
  }
}

export function rememberRecent(item: RecentItem) {
  try {
    const rest = readRecent().filter((other) => other.href !== item.href);
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify([item, ...rest].slice(0, KEEP)));
  } catch {
    // Storage full or refused (private mode): the palette just has no recent items.
  }
}

/** The entity pages whose visits count as recent, by their path (lib/links/entity-href.ts). */
const ENTITY_PAGES: [RegExp, SearchKind][] = [
  [/^\/programs\/([^/]+)$/, 'program'],
  [/^\/products\/([^/]+)$/, 'product'],
  [/^\/features\/([^/]+)$/, 'feature'],
  [/^\/releases\/([^/]+)$/, 'release'],
  [/^\/change-requests\/([^/]+)$/, 'cr'],
  [/^\/bugs\/([^/]+)$/, 'bug'],
  [/^\/roadmap\/items\/([^/]+)$/, 'roadmap'],
  [/^\/tasks\/([^/]+)$/, 'task'],
  [/^\/builders\/([^/]+)$/, 'builder'],
];

/** Remembers each entity page this person visits, under the page's own title. */
export function useRememberEntityVisits() {
  const pathname = usePathname();
  useEffect(() => {
    const match = ENTITY_PAGES.map(([pattern, kind]) => [pattern.exec(pathname), kind] as const).find(([m]) => m);
    if (!match) return;
    const [found, kind] = match;
    // The title is the page's once it has rendered ("Harden webhooks · Gantry").
    const timer = window.setTimeout(() => {
      const id = decodeURIComponent(found![1]!);
      const pageTitle = document.title.split(' · ')[0]?.trim();
      // Some pages are titled by their id alone ("RI-004"): a title remembered earlier (the
      // palette's hit, opened a moment ago) says more, so it is kept.
      const earlier = readRecent().find((item) => item.href === pathname)?.title;
      const title = pageTitle && pageTitle !== id ? pageTitle : (earlier ?? id);
      rememberRecent({ kind, id, title, href: pathname });
    }, 300);
    return () => window.clearTimeout(timer);
  }, [pathname]);
}

'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';

/** `g` then a letter: the pages it goes to, as the shortcuts sheet and the palette show them. */
export const GO_SHORTCUTS = [
  { key: 'o', label: 'Overview', href: '/' },
  { key: 'i', label: 'Inbox', href: '/inbox' },
  { key: 'p', label: 'Programs', href: '/programs' },
  { key: 'r', label: 'Roadmap', href: '/roadmap' },
  { key: 'b', label: 'Board', href: '/board' },
  { key: 'k', label: 'Blockers', href: '/blockers' },
  { key: 'l', label: 'Releases', href: '/releases' },
  { key: 'u', label: 'Builders', href: '/builders' },
  { key: 'a', label: 'Audit', href: '/audit' },
  { key: 's', label: 'Settings', href: '/settings' },
] as const;

/** Every other shortcut, for the sheet. */
export const OTHER_SHORTCUTS = [
  { keys: ['Ctrl', 'K'], label: 'Open the command palette (⌘ K on a Mac)' },
  { keys: ['/'], label: 'Search' },
  { keys: ['c'], label: 'Create (on the board: a card in its first column)' },
  { keys: ['?'], label: 'Show these shortcuts' },
] as const;

/** How long after `g` the second letter counts. */
const CHORD_MS = 1500;

/** Typing in a field, or a dialog of its own open: single-key shortcuts stay out of the way. */
export function isTypingOrInDialog(target: EventTarget | null): boolean {
  const element = target instanceof HTMLElement ? target : null;
  if (element?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return true;
  return document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
}

export interface ShortcutHandlers {
  /** Ctrl+K / Cmd+K: open or close the palette. */
  togglePalette: () => void;
  /** `/`: the palette, on its search. */
  search: () => void;
  /** `c` away from the board: the palette on its create commands. */
  create: () => void;
  /** `?`: the shortcuts sheet. */
  help: () => void;
}

/**
 * The shell's keyboard shortcuts, Linear's way: Ctrl+K / Cmd+K anywhere; `/`, `?`, `c` and
 * `g` then a letter only when no field has the focus and no dialog is open. On the board `c` is
 * the board's own (components/board/board-view.tsx creates a card there).
 */
export function useShortcuts(handlers: ShortcutHandlers) {
  const router = useRouter();
  const pathname = usePathname();
  const latest = useRef({ handlers, pathname });
  useEffect(() => {
    latest.current = { handlers, pathname };
  });

  useEffect(() => {
    let goPressedAt = 0;
    const onKey = (event: KeyboardEvent) => {
      const { handlers: on, pathname: here } = latest.current;
      if ((event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k') {
        const inOtherDialog = (event.target as HTMLElement | null)?.closest('[role="dialog"]:not([data-command-palette])');
        if (inOtherDialog) return;
        event.preventDefault();
        on.togglePalette();
        return;
      }
      if (event.metaKey || event.ctrlKey || event.altKey || event.repeat || event.defaultPrevented) return;
      if (isTypingOrInDialog(event.target)) return;
      const key = event.key;
      if (goPressedAt && Date.now() - goPressedAt < CHORD_MS) {
        goPressedAt = 0;
        const go = GO_SHORTCUTS.find((s) => s.key === key.toLowerCase());
        if (go) {
          event.preventDefault();
          router.push(go.href);
        }
        return;
      }
      goPressedAt = 0;
      if (key === 'g') {
        goPressedAt = Date.now();
      } else if (key === '/') {
        event.preventDefault();
        on.search();
      } else if (key === '?') {
        event.preventDefault();
        on.help();
      } else if (key === 'c' && !event.shiftKey && !here.startsWith('/board')) {
        event.preventDefault();
        on.create();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router]);
}

'use client';

import { useEffect } from 'react';

import { LAST_BOARD_COOKIE } from '@/lib/board/last-board';

/** Remembers the board on screen, so that /board opens on it next time (a cookie of this browser; the page reads it). */
export function RememberBoard({ value }: { value: string }) {
  useEffect(() => {
    document.cookie = `${LAST_BOARD_COOKIE}=${encodeURIComponent(value)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
  }, [value]);
  return null;
}

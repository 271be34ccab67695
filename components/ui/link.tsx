'use client';

// eslint-disable-next-line no-restricted-imports -- the one wrapper of next/link
import NextLink from 'next/link';
import { useState, type ComponentProps } from 'react';

/**
 * Next.js's `Link`, prefetching a page when a person reaches for the link (the pointer enters it,
 * the keyboard focuses it, a finger touches it) instead of when it scrolls into view. Every page
 * shows 30 to 50 links (the sidebar, tables of items), and each prefetched in view made the
 * server render that page's layout: about two thirds of the server's work for a page view, for pages
 * nobody opened (docs/testing.md). The link a person is about to follow is still fetched before
 * the click. Use it instead of `next/link` (lint enforces it); `prefetch` still overrides.
 */
export function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [reached, setReached] = useState(false);
  return (
    <NextLink
      {...props}
      prefetch={prefetch !== undefined ? prefetch : reached ? null : false}
      onMouseEnter={(event) => {
        setReached(true);
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        setReached(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setReached(true);
        onTouchStart?.(event);
      }}
    />
  );
}

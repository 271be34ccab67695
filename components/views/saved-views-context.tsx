'use client';

import { createContext, useContext, type ReactNode } from 'react';

import type { SavedViewItem } from '@/lib/saved-views/saved-views';

const SavedViewsContext = createContext<SavedViewItem[]>([]);

/** The organisation's saved views, read with the page, for the sidebar (desktop and mobile). */
export function SavedViewsProvider({ views, children }: { views: SavedViewItem[]; children: ReactNode }) {
  return <SavedViewsContext.Provider value={views}>{children}</SavedViewsContext.Provider>;
}

export function useSavedViews(): SavedViewItem[] {
  return useContext(SavedViewsContext);
}

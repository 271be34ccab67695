import 'server-only';

import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { savedViews } from '../db/schema';
import { ActionError } from '../procedure/result';
import { viewHref, type renameViewInput, type saveViewInput } from './input';

export interface SavedViewItem {
  id: string;
  name: string;
  path: string;
  query: string;
  /** Where it opens: path and query. */
  href: string;
}

const columns = { id: savedViews.id, name: savedViews.name, path: savedViews.path, query: savedViews.query };

function toItem(row: { id: string; name: string; path: string; query: string }): SavedViewItem {
  return { ...row, href: viewHref(row) };
}

/** The organisation's live saved views, by name: the sidebar lists them, and so may the command palette. */
export async function listSavedViews(member: Pick<OrganisationCaller, 'organisationId'>): Promise<SavedViewItem[]> {
  return withOrganisation(member.organisationId, (tx) => readSavedViews(tx));
}

export async function readSavedViews(tx: Database): Promise<SavedViewItem[]> {
  const rows = await tx
    .select(columns)
    .from(savedViews)
    .where(isNull(savedViews.deletedAt))
    .orderBy(asc(sql`lower(${savedViews.name})`), asc(savedViews.createdAt));
  return rows.map(toItem);
}

/** Saves the page's filters under a name; created_by is the transaction's actor (the column's default). */
export async function saveView(tx: Database, caller: OrganisationCaller, input: z.output<typeof saveViewInput>): Promise<SavedViewItem> {
  const [row] = await tx
    .insert(savedViews)
    .values({ organisationId: caller.organisationId, name: input.name, path: input.path, query: input.query })
    .returning(columns);
  return toItem(row!);
}

export async function renameView(tx: Database, caller: OrganisationCaller, input: z.output<typeof renameViewInput>): Promise<SavedViewItem> {
  const [row] = await tx
    .update(savedViews)
    .set({ name: input.name })
    .where(and(eq(savedViews.organisationId, caller.organisationId), eq(savedViews.id, input.id), isNull(savedViews.deletedAt)))
    .returning(columns);
  if (!row) throw new ActionError('not_found', 'There is no such saved view; someone may have deleted it.');
  return toItem(row);
}

/** Soft delete (the trigger records who); Undo is restoreView. */
export async function deleteView(tx: Database, caller: OrganisationCaller, { id }: { id: string }): Promise<{ id: string }> {
  const [row] = await tx
    .update(savedViews)
    .set({ deletedAt: sql`now()`, deletedBy: sql`current_actor()` })
    .where(and(eq(savedViews.organisationId, caller.organisationId), eq(savedViews.id, id), isNull(savedViews.deletedAt)))
    .returning({ id: savedViews.id });
  if (!row) throw new ActionError('not_found', 'There is no such saved view; someone may have deleted it already.');
  return row;
}

export async function restoreView(tx: Database, caller: OrganisationCaller, { id }: { id: string }): Promise<SavedViewItem> {
  const [row] = await tx
    .update(savedViews)
    .set({ deletedAt: null, deletedBy: null })
    .where(and(eq(savedViews.organisationId, caller.organisationId), eq(savedViews.id, id), isNotNull(savedViews.deletedAt)))
    .returning(columns);
  if (!row) throw new ActionError('not_found', 'There is no such deleted view to bring back.');
  return toItem(row);
}

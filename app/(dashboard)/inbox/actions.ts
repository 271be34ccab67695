'use server';

import { defineAction, permittedAction } from '@/lib/procedure/action';
import { markAllInboxRead, markAllInboxReadInput, markInboxRead, markInboxReadInput } from '@/lib/inbox/inbox';
import { inboxCountInput, readInboxCount } from '@/lib/inbox/read';
import { setWatch, setWatchInput } from '@/lib/inbox/watches';

// Every member has an inbox and reads only their own: each action acts on the caller's inbox
// (the database's own_rows policy holds it to them too), never on a person named in the input.

/** The header's unread count, refetched when the change feed says something of the inbox changed. */
export const countInboxUnread = defineAction({
  name: 'countInboxUnread',
  access: { permission: 'portfolio:read' },
  input: inboxCountInput,
  run: ({ tx, caller }) => readInboxCount(tx, { caller }),
});

export const markInboxEntryRead = permittedAction('markInboxEntryRead', { permission: 'portfolio:read' }, markInboxReadInput, (tx, caller, input) =>
  markInboxRead(tx, { caller, input }),
);

export const markAllInboxEntriesRead = defineAction({
  name: 'markAllInboxEntriesRead',
  access: { permission: 'portfolio:read' },
  input: markAllInboxReadInput,
  run: ({ tx, caller }) => markAllInboxRead(tx, { caller }),
});

/** Watch or stop watching an item: its changes by others reach the caller's inbox. */
export const watchItem = permittedAction('watchItem', { permission: 'portfolio:read' }, setWatchInput, (tx, caller, input) => setWatch(tx, { caller, input }));

import { Inbox } from 'lucide-react';

import { InboxList, MarkAllReadButton } from '@/components/inbox/inbox-list';
import { ListPage } from '@/components/ui/list-page';
import { EmptyState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { readMyInbox } from '@/lib/inbox/read';
import { LIVE } from '@/lib/live/topics';

import { markAllInboxEntriesRead, markInboxEntryRead } from './actions';

export const metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const member = await requireMember();
  const inbox = await readMyInbox(member);

  return (
    <ListPage
      live={LIVE.inbox}
      title="Inbox"
      summary={
        <>
          What needs you: blockers on your items, your blocked work, reviews and escalations waiting for you, releases you review that are not ready, and
          changes to what you watch. {inbox.unread === 0 ? 'Nothing unread.' : inbox.unread === 1 ? '1 unread.' : `${inbox.unread} unread.`}
        </>
      }
      summaryTestId="inbox-summary"
      actions={<MarkAllReadButton unread={inbox.unread} action={markAllInboxEntriesRead} />}
    >
      {inbox.entries.length === 0 ? (
        <EmptyState Icon={Inbox} title="Nothing needs you">
          When a blocker lands on an item you own, a review or an escalation is assigned to you, a release you review is not ready, or someone changes an item
          you watch, it appears here. Use <strong>Watch</strong> on any program, product, feature, bug, change request, roadmap item or release to follow it.
        </EmptyState>
      ) : (
        <>
          <InboxList entries={inbox.entries} actions={{ markRead: markInboxEntryRead, markAllRead: markAllInboxEntriesRead }} />
          {inbox.truncated && (
            <p className="text-xs text-muted-foreground">
              Showing the first {inbox.entries.length} (unread first, then newest first); mark some read to see the rest.
            </p>
          )}
        </>
      )}
    </ListPage>
  );
}

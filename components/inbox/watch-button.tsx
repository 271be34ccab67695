import 'server-only';

import type { MemberCaller } from '@/lib/auth/identity';
import { readWatching } from '@/lib/inbox/read';
import type { WatchableKind } from '@/lib/inbox/kinds';

import { WatchToggle, type WatchAction } from './watch-toggle';

/** The Watch toggle of an item's page, set from whether the member watches it now. */
export async function WatchButton({ member, kind, id, action }: { member: MemberCaller; kind: WatchableKind; id: string; action: WatchAction }) {
  const watching = await readWatching(member, kind, id);
  return <WatchToggle kind={kind} id={id} watching={watching} action={action} />;
}

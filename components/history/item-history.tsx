import { History } from 'lucide-react';

import { Card, CardBody, CardHeading } from '@/components/ui/card';
import type { MemberCaller } from '@/lib/auth/identity';
import { getItemHistory, type VersionedKind } from '@/lib/history/restore';
import { can } from '@/lib/organisations/permissions';

import { HistoryList, type RestoreProps } from './history-list';

/**
 * The History card of an item's page (change request, product, feature, bug, roadmap item): the
 * same reader and list as the board's panel, with Restore for those who may edit the plan.
 */
export async function ItemHistory({ member, kind, id, restore }: { member: MemberCaller; kind: VersionedKind; id: string; restore: RestoreProps['action'] }) {
  const history = await getItemHistory(member, kind, id);
  if (!history) return null;
  const canRestore = can(member.role, 'plan:edit');
  return (
    <Card>
      <CardHeading
        icon={History}
        title="History"
        description={`${history.entries.length} ${history.entries.length === 1 ? 'version' : 'versions'}, newest first${canRestore ? '; Restore writes an old value back as a new version' : ''}.`}
      />
      <CardBody>
        <HistoryList
          entries={history.entries}
          restore={canRestore ? { action: restore, kind, id, openedAt: history.openedAt, restorable: history.restorable } : undefined}
        />
      </CardBody>
    </Card>
  );
}

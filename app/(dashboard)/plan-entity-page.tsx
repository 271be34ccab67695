import type { ReactNode } from 'react';

import { ItemHistory } from '@/components/history/item-history';
import { WatchButton } from '@/components/inbox/watch-button';
import { LiveRefresh } from '@/components/live/live-refresh';
import { EntityPageHeader } from '@/components/portfolio/page-header';
import type { MemberCaller } from '@/lib/auth/identity';
import { entityHref } from '@/lib/links/entity-href';
import { LIVE } from '@/lib/live/topics';
import { can } from '@/lib/organisations/permissions';
import type { Ref } from '@/lib/portfolio/page-types';

import { restoreFieldValue } from './audit/actions';
import { watchItem } from './inbox/actions';

/** The plan entities that have a page of this frame, and the word its header shows. */
const PAGE_KINDS = { program: 'Program', product: 'Product', feature: 'Feature', bug: 'Bug' } as const;
type PlanPageKind = keyof typeof PAGE_KINDS;
const PARENT_KINDS = ['program', 'product', 'feature'] as const;
type ParentKind = (typeof PARENT_KINDS)[number];

/**
 * The frame of a plan entity's page (program, product, feature, bug): live on the portfolio, the
 * header with its trail up from the overview through the entity's parents, the watch button, the
 * edit buttons for those who may edit the plan, and, below the page's own sections, the item's
 * history (a program has none).
 */
export function PlanEntityPage({
  member,
  kind,
  id,
  title,
  parents = {},
  edit,
  badges,
  description,
  children,
}: {
  member: MemberCaller;
  kind: PlanPageKind;
  id: string;
  title: string;
  /** The entity's parents; the trail goes through them from the program down. */
  parents?: Partial<Record<ParentKind, Ref>>;
  /** The buttons shown to a member who may edit the plan. */
  edit: ReactNode;
  badges: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.portfolio} />
      <EntityPageHeader
        trail={[
          { label: 'Overview', href: '/' },
          ...PARENT_KINDS.flatMap((up) => {
            const parent = parents[up];
            return parent ? [{ label: parent.name, href: entityHref(up, parent.id) }] : [];
          }),
        ]}
        actions={
          <>
            <WatchButton member={member} kind={kind} id={id} action={watchItem} />
            {can(member.role, 'plan:edit') ? edit : undefined}
          </>
        }
        kind={PAGE_KINDS[kind]}
        id={id}
        title={title}
        badges={badges}
      >
        {description}
      </EntityPageHeader>
      {children}
      {kind !== 'program' && <ItemHistory member={member} kind={kind} id={id} restore={restoreFieldValue} />}
    </div>
  );
}

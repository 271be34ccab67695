import {
  Activity,
  Bot,
  ClipboardCheck,
  FolderKanban,
  Inbox,
  KanbanSquare,
  LayoutDashboard,
  Map,
  OctagonAlert,
  ScrollText,
  Settings,
  type LucideIcon,
} from 'lucide-react';

export interface NavItem {
  label: string;
  Icon: LucideIcon;
  /** Only areas whose page exists have a link; the rest are named so the map is whole. */
  href?: string;
}

export const navItems: NavItem[] = [
  { label: 'Overview', Icon: LayoutDashboard, href: '/' },
  { label: 'Inbox', Icon: Inbox, href: '/inbox' },
  { label: 'Programs', Icon: FolderKanban, href: '/programs' },
  { label: 'Roadmap', Icon: Map, href: '/roadmap' },
  { label: 'Board', Icon: KanbanSquare, href: '/board' },
  { label: 'Blockers', Icon: OctagonAlert, href: '/blockers' },
  { label: 'Releases', Icon: ClipboardCheck, href: '/releases' },
  { label: 'Builders', Icon: Bot, href: '/builders' },
  { label: 'Planning', Icon: Activity, href: '/planning' },
  { label: 'Audit', Icon: ScrollText, href: '/audit' },
  { label: 'Settings', Icon: Settings, href: '/settings' },
];

import { keyedList } from '@/lib/keyed-list';

/**
 * Where each kind of thing Gantry shows has its page: the one map every link goes through, so
 * that an id or a name anywhere leads to the same place (components/ui/entity-link.tsx).
 * Pure, for server and client components alike.
 */
/** Words for each kind, as a screen reader or a tooltip says them. */
export const { keys: ENTITY_KINDS, words: ENTITY_NOUNS } = keyedList({
  program: 'program',
  product: 'product',
  feature: 'feature',
  bug: 'bug',
  release: 'release',
  cr: 'change request',
  roadmap: 'roadmap item',
  task: 'task',
  wave: 'wave',
  builder: 'builder',
  blocker: 'blocker',
});
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** Waves live on their program's waves page, which needs the program too. */
export interface WaveRef {
  programId: string;
  waveId: string;
}

const part = (id: string) => encodeURIComponent(id);

export function entityHref(kind: Exclude<EntityKind, 'wave'>, id: string): string;
export function entityHref(kind: 'wave', id: WaveRef): string;
export function entityHref(kind: EntityKind, id: string | WaveRef): string;
export function entityHref(kind: EntityKind, id: string | WaveRef): string {
  if (kind === 'wave') {
    const wave = id as WaveRef;
    return `/roadmap/waves?program=${part(wave.programId)}&wave=${part(wave.waveId)}`;
  }
  const key = id as string;
  switch (kind) {
    case 'program':
      return `/programs/${part(key)}`;
    case 'product':
      return `/products/${part(key)}`;
    case 'feature':
      return `/features/${part(key)}`;
    case 'bug':
      return `/bugs/${part(key)}`;
    case 'release':
      return `/releases/${part(key)}`;
    case 'cr':
      return `/change-requests/${part(key)}`;
    case 'roadmap':
      return `/roadmap/items/${part(key)}`;
    case 'task':
      return `/tasks/${part(key)}`;
    case 'builder':
      return `/builders/${part(key)}`;
    case 'blocker':
      // The desk finds a blocker by its id in the search box.
      return `/blockers?q=${part(key)}`;
  }
}

/** The board's kinds of card, by the page kind they link to (planning cards have no page of their own). */
export const BOARD_KIND_ENTITY: Partial<Record<string, Exclude<EntityKind, 'wave'>>> = { cr: 'cr', roadmap: 'roadmap', task: 'task', bug: 'bug' };

import type { Tone } from '@/components/ui/badge';

const roadmapStatus: Record<string, Tone> = { pending: 'neutral', in_progress: 'blue', blocked: 'red', completed: 'green', deferred: 'violet' };
const foremanState: Record<string, Tone> = { planned: 'neutral', assigned: 'violet', 'in-progress': 'blue', blocked: 'red', completed: 'green', failed: 'red' };
const crStatus: Record<string, Tone> = { queue: 'neutral', in_progress: 'blue', review: 'amber', done: 'green' };

export const roadmapTone = {
  status: (key: string): Tone => roadmapStatus[key] ?? 'neutral',
  foreman: (key: string): Tone => foremanState[key] ?? 'neutral',
  cr: (key: string): Tone => crStatus[key] ?? 'neutral',
};

/** 'in-progress' → 'In progress'. */
export function words(key: string): string {
  const text = key.replace(/[-_]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The phase limit's tone: amber from four fifths full, red when full. */
export function limitTone(active: number, limit: number): Tone {
  if (active >= limit) return 'red';
  return active >= limit * 0.8 ? 'amber' : 'neutral';
}

import type { Tone } from '@/components/ui/badge';

/** The phase limit's tone: amber from four fifths full, red when full. */
export function limitTone(active: number, limit: number): Tone {
  if (active >= limit) return 'red';
  return active >= limit * 0.8 ? 'amber' : 'neutral';
}

import type { Tone } from '@/components/ui/badge';

const releaseStatus: Record<string, Tone> = { pending: 'neutral', in_progress: 'blue', ready: 'violet', published: 'green', archived: 'neutral' };
const featureStatus: Record<string, Tone> = { planned: 'neutral', in_development: 'blue', beta: 'amber', stable: 'green', deprecated: 'red' };
const productStatus: Record<string, Tone> = { active: 'green', maintenance: 'amber', deprecated: 'red', archived: 'neutral' };
const programState: Record<string, Tone> = { planned: 'neutral', 'in-progress': 'blue', blocked: 'red', completed: 'green', failed: 'red' };

export const toneOf = {
  releaseStatus: (key: string): Tone => releaseStatus[key] ?? 'neutral',
  featureStatus: (key: string): Tone => featureStatus[key] ?? 'neutral',
  productStatus: (key: string): Tone => productStatus[key] ?? 'neutral',
  programState: (key: string): Tone => programState[key] ?? 'neutral',
};

/** Foreman states are written 'in-progress'; show them as words. */
export function stateLabel(state: string): string {
  const words = state.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

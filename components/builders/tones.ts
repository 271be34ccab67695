import type { Tone } from '@/components/ui/badge';

const builderStates: Record<string, Tone> = { active: 'green', idle: 'neutral', blocked: 'amber', failed: 'red' };
const taskStates: Record<string, Tone> = { planned: 'neutral', assigned: 'blue', 'in-progress': 'blue', blocked: 'red', completed: 'green', failed: 'red' };
const qaStatus: Record<string, Tone> = { RED: 'red', PARTIAL: 'amber', GREEN: 'green' };

export const builderStateTone = (state: string): Tone => builderStates[state] ?? 'neutral';
export const taskStateTone = (state: string): Tone => taskStates[state] ?? 'neutral';
export const qaStatusTone = (status: string): Tone => qaStatus[status] ?? 'neutral';

/** Foreman states are written 'in-progress'; show them as words. */
export function stateLabel(state: string): string {
  const words = state.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import type { Tone } from '@/components/ui/badge';

/** "45 s", "12 min", "3 h", "5 d": how long ago, from a render-time `now` (so server and browser agree). */
export function formatAge(from: Date | string, now: number): string {
  const seconds = Math.max(0, Math.round((now - new Date(from).getTime()) / 1000));
  return formatSeconds(seconds);
}

export function formatSeconds(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

const kindTones: Record<string, Tone> = {
  builder_stall: 'amber',
  protected_path: 'red',
  constitutional_violation: 'red',
  architecture_qa_mismatch: 'violet',
  impossible_requirements: 'violet',
  repeated_failures: 'amber',
  technical_failure: 'amber',
  missing_approval: 'blue',
  missing_credential: 'blue',
};

export function kindTone(kind: string | null): Tone {
  return (kind && kindTones[kind]) || 'neutral';
}

export function severityTone(severity: string | null): Tone {
  return severity === 'blocking' ? 'red' : severity === 'warning' ? 'amber' : 'neutral';
}

import type { Tone } from '@/components/ui/badge';

// A release's verdict: its labels and tones live in lib/releases/verdict.ts (VERDICT_LABELS, VERDICT_TONES).

export const resultTone: Record<string, Tone> = { pass: 'green', fail: 'red', skip: 'neutral', error: 'amber' };
export const resultLabel: Record<string, string> = { pass: 'Pass', fail: 'Fail', skip: 'Skipped', error: 'Error' };

export const gateTone: Record<string, Tone> = { BLOCKED: 'red', PENDING: 'amber', READY: 'green' };
export const gateLabel: Record<string, string> = { BLOCKED: 'Blocked', PENDING: 'Pending', READY: 'Ready' };

export const claimTone: Record<string, Tone> = { pass: 'green', fail: 'red', pending: 'amber', stale: 'neutral' };

export function formatInstant(date: Date): string {
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC';
}

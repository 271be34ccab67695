import { createHash } from 'node:crypto';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The instant `days` days after (or, negative, before) `today`. */
export function daysFrom(today: Date, days: number): Date {
  return new Date(today.getTime() + days * DAY_MS);
}

/** YYYY-MM-DD of an instant, in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A uuid that is the same on every run for the same parts, so that a second seed run finds
 * the rows of the first (uuid version 5 layout over SHA-256).
 */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256')
    .update(`gantry-demo:${parts.join(':')}`)
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UTC = { timeZone: 'UTC' } as const;

/** "22 Nov 2026". */
export function formatDate(date: Date): string {
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', ...UTC });
}

/** "22 Nov 2026, 09:14 UTC": Gantry speaks UTC. */
export function formatInstant(date: Date): string {
  return `${date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', ...UTC })} UTC`;
}

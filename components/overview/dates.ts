const DAY_MS = 86_400_000;

/** "in 12 days", "today", "3 days ago" for a YYYY-MM-DD date, counted in whole UTC days. */
export function relativeDay(isoDate: string, today: string): string {
  const days = Math.round((Date.parse(isoDate) - Date.parse(today)) / DAY_MS);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

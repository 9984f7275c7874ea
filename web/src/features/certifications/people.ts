/** A person as people name them; their user ID when the account has no name. */
export function personName(person: { firstName: string; lastName: string; userId?: string }): string {
  return `${person.firstName} ${person.lastName}`.trim() || person.userId || '';
}

/** Today's calendar date (YYYY-MM-DD) as the server's clock reads it, moved `days` when given. */
export function serverDay(serverOffsetMs: number, days = 0): string {
  const date = new Date(Date.now() + serverOffsetMs + days * 86_400_000);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** A YYYY-MM-DD day for people, in the page's language, without shifting it across time zones. */
export function formatDay(format: Intl.DateTimeFormat, day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // Noon UTC, formatted in UTC: the same calendar day wherever the browser is.
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
  return new Intl.DateTimeFormat(format.resolvedOptions().locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

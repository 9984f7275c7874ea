/**
 * CSV (RFC 4180) for exports: certification evidence, the audit log. A cell a spreadsheet would
 * read as a formula (starting with = + - @, or a tab or carriage return before one) is prefixed
 * with an apostrophe, so an organization name such as "=HYPERLINK(...)" stays text when an
 * auditor opens the file.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * A short "browser on system" for a user-agent string, enough to tell one's own sessions apart;
 * the full string stays available as the cell's title.
 */
export function describeUserAgent(userAgent: string | null): { browser?: string; system?: string } {
  if (!userAgent) return {};
  const browser = [
    ['Edg/', 'Edge'],
    ['OPR/', 'Opera'],
    ['Firefox/', 'Firefox'],
    ['Chrome/', 'Chrome'],
    ['Chromium/', 'Chromium'],
    ['Safari/', 'Safari'],
  ].find(([token]) => userAgent.includes(token!))?.[1];
  const system = [
    ['Windows', 'Windows'],
    ['iPhone', 'iOS'],
    ['iPad', 'iPadOS'],
    ['Mac OS X', 'macOS'],
    ['Android', 'Android'],
    ['CrOS', 'ChromeOS'],
    ['Linux', 'Linux'],
  ].find(([token]) => userAgent.includes(token!))?.[1];
  return { browser, system };
}

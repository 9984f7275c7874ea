import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

// Debian's chromium package, not a Playwright-downloaded browser: nothing is fetched at test time.
export const chromiumPath = process.env.ROLECALL_CHROMIUM ?? '/usr/bin/chromium';

// Flags that let Chromium run headless as root in a container without reaching the network on
// its own (updates, sync, QUIC probes), so runs are quiet and repeatable.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}

/** One line for the test log saying why the browser scenarios did not run. */
export function chromiumSkipReason(): string {
  return `browser scenarios skipped: no Chromium at ${chromiumPath} (install the Debian package "chromium" or set ROLECALL_CHROMIUM)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}

// The success criteria Rolecall promises: WCAG 2.0 and 2.1, levels A and AA (Section 508).
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function expectNoAxeViolations(page: Page, context = page.url()): Promise<void> {
  // A dialog still fading in has the contrast of a half-drawn page: check what a person sees
  // once the transitions end (endless ones, such as a spinner, are not waited for).
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        // A cancelled one rejects: it is over all the same.
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  if (results.violations.length === 0) return;
  const report = results.violations
    .map((violation) => {
      const nodes = violation.nodes
        .map((node) => {
          const summary = (node.failureSummary ?? '').replaceAll('\n', '\n        ');
          return `    - ${JSON.stringify(node.target)}\n        ${summary}`.trimEnd();
        })
        .join('\n');
      return `  ${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help}\n${nodes}`;
    })
    .join('\n');
  throw new Error(`${results.violations.length} accessibility violation(s) on ${context}:\n${report}`);
}

/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import { expectNoAxeViolations } from './browser.js';

/** A page in a browser profile of its own, and everything that went wrong in it. */
export interface Visit {
  page: Page;
  context: BrowserContext;
  /** Script errors, console errors, requests to another origin, refused answers: must stay empty. */
  problems: string[];
}

export interface VisitOptions {
  allowRefusals?: boolean;
  /** The browser's language; `en-US` unless said. */
  locale?: string;
}

/**
 * A fresh browser profile on `origin`, English-speaking unless said, that records what went wrong
 * in its page. Refused answers (4xx, 5xx) count as problems unless `allowRefusals` is set.
 */
export async function openVisit(browser: Browser, origin: string, options: VisitOptions = {}): Promise<Visit> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.allowRefusals) problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`request to another origin: ${url}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !options.allowRefusals) {
      problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
    }
  });
  return { page, context, problems };
}

/**
 * For a scenario that provokes refusals (a refused password, the last device...): the visit's
 * problems are exactly the answers refused with `statuses`, in any order, each also logged by the
 * browser; anything else that went wrong is a problem still.
 */
export function expectOnlyRefusals(problems: string[], statuses: number[]): void {
  const answered = /^(\d{3}) from /;
  const logged = /^console error: Failed to load resource: the server responded with a status of (\d{3}) /;
  const statusesOf = (pattern: RegExp) =>
    problems
      .map((problem) => pattern.exec(problem)?.[1])
      .filter((status) => status !== undefined)
      .map(Number)
      .sort();
  const expected = [...statuses].sort();
  expect(statusesOf(logged)).toEqual(expected);
  expect(statusesOf(answered)).toEqual(expected);
  expect(problems.filter((problem) => !answered.test(problem) && !logged.test(problem))).toEqual([]);
}

/** The browser takes over a session opened through the API: its cookies, nothing else. */
export async function takeOverSession(context: BrowserContext, client: ApiClient, origin: string): Promise<void> {
  const cookies = ['rolecall_session', 'rolecall_csrf'].map((name) => {
    const value = client.cookie(name);
    if (!value) throw new Error(`the client holds no ${name} cookie`);
    return { name, value, url: origin };
  });
  await context.addCookies(cookies);
}

/** The page's one h1 says `text`. */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.filter({ hasText: text }).waitFor();
  const texts = await heading.allTextContents();
  expect(texts).toHaveLength(1);
  if (typeof text === 'string') expect(texts[0]).toBe(text);
  else expect(texts[0]).toMatch(text);
}

/** The header's language switch names the other language in that language. */
export async function switchLanguage(page: Page, to: 'en' | 'es'): Promise<void> {
  await page.getByRole('button', { name: to === 'es' ? 'Español' : 'English', exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
}

/** Axe in English, then in Spanish, then back to English. */
export async function checkBothLanguages(
  page: Page,
  where: string,
  english: string | RegExp,
  spanish: string | RegExp,
): Promise<void> {
  await expectNoAxeViolations(page, `${where} (English)`);
  await switchLanguage(page, 'es');
  await expectHeading(page, spanish);
  await expectNoAxeViolations(page, `${where} (Spanish)`);
  await switchLanguage(page, 'en');
  await expectHeading(page, english);
}

/** Ticks a USWDS checkbox or radio button by its label, as a person does: the input is hidden behind it. */
export async function tick(page: Page, input: Locator): Promise<void> {
  const id = await input.getAttribute('id');
  await page.locator(`label[for="${id}"]`).click();
  expect(await input.isChecked()).toBe(true);
}

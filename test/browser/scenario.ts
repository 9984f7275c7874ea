import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { signInWithTotp, type SignedInUser } from '../helpers/accounts.js';
import type { TestContextOptions } from '../helpers/test-context.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser } from './browser.js';
import { openVisit, takeOverSession, type Visit, type VisitOptions } from './visit.js';

export interface BrowserScenario {
  readonly server: TestServer;
  readonly browser: Browser;
  /** Every visit still open: a scenario checks their problems before it ends. */
  readonly visits: readonly Visit[];
  /** A fresh browser profile on the server, nobody signed in. */
  visit(options?: VisitOptions): Promise<Visit>;
  /** A browser profile of the user's own, signed in now through the API (not the pages). */
  visitAs(user: SignedInUser): Promise<Visit>;
  /** Checks a visit had no problems and closes it, before the clock moves on under its session. */
  leave(visit: Visit): Promise<void>;
}

/**
 * One server and one Chromium for the scenarios of a file, started before them and closed after
 * them with every visit they opened. Call it at the top of a `describe`.
 */
export function browserScenario(options: TestContextOptions = {}): BrowserScenario {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const visits: Visit[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(options), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(visits.map((visit) => visit.context.close()));
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the scenario's ${what} is not started yet`);
    return value;
  };

  const scenario: BrowserScenario = {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    visits,
    async visit(visitOptions = {}) {
      const opened = await openVisit(scenario.browser, scenario.server.url, visitOptions);
      visits.push(opened);
      return opened;
    },
    async visitAs(user) {
      const opened = await scenario.visit();
      const client = await signInWithTotp(scenario.server.app, scenario.server.clock, user);
      await takeOverSession(opened.context, client, scenario.server.url);
      return opened;
    },
    async leave(visit) {
      expect(visit.problems).toEqual([]);
      await visit.context.close();
      visits.splice(visits.indexOf(visit), 1);
    },
  };
  return scenario;
}

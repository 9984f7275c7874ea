import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_APP_SECTIONS } from '../../server/http/web-app.js';
import { createTestApp, type TestApp } from '../helpers/test-context.js';

/*
 * Which paths load the web app: its own pages do; addresses that clients of an identity provider
 * probe (`/.well-known/…`, `/oauth/…`) and anything else unknown answer 404, so no client library
 * mistakes the app's page for what it asked.
 */
describe('the web app’s paths', () => {
  let t: TestApp;

  beforeAll(async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'rolecall-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Rolecall</title>');
    writeFileSync(join(webDir, 'assets', 'app-1a2b3c.js'), 'export {};');
    t = await createTestApp({ env: { ROLECALL_WEB_DIR: webDir } });
  });
  afterAll(async () => t.close());

  const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

  it('load the app for its pages', async () => {
    for (const url of [
      '/',
      '/roles',
      '/roles/add?application=SPOT',
      '/certifications/users/abc',
      '/help-desk/organization-forms',
    ]) {
      const response = await t.app.inject({ method: 'GET', url, headers: browser });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toContain('text/html');
      expect(response.body).toContain('<title>Rolecall</title>');
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answer a JSON 404 at the addresses identity clients probe, whatever they accept', async () => {
    for (const headers of [{ accept: 'application/json' }, { accept: '*/*' }, browser, {}]) {
      for (const [method, url] of [
        ['GET', '/.well-known/openid-configuration'],
        ['GET', '/.well-known/oauth-authorization-server'],
        ['GET', '/oauth/authorize?client_id=x'],
        ['POST', '/oauth/token'],
        ['GET', '/scim/Users'],
      ] as const) {
        const response = await t.app.inject({ method, url, headers });
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json(), `${method} ${url}`).toMatchObject({ error: { code: 'route.not_found' } });
      }
    }
  });

  it('answer 404 for a page the app does not have: its Not Found page to a browser, JSON to anything else', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/no-such-page', headers: browser });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    for (const headers of [{ accept: 'application/json' }, { accept: '*/*' }, {}]) {
      const response = await t.app.inject({ method: 'GET', url: '/no-such-page', headers });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'route.not_found' } });
    }
    const missingAsset = await t.app.inject({ method: 'GET', url: '/assets/app-old.js', headers: browser });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json()).toMatchObject({ error: { code: 'route.not_found' } });
  });

  it('are the sections the web app’s routes use, no more and no fewer', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(join('web', 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bpath: '([^']+)'/g)) {
        const path = match[1]!;
        if (path !== '*') used.add(path.split('/')[0]!);
      }
    }
    // The home page is the index route, which has no path.
    used.add('');
    expect([...used].sort()).toEqual([...WEB_APP_SECTIONS].sort());
  });
});

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.tsx') || entry.name.endsWith('.ts') ? [path] : [];
  });
}

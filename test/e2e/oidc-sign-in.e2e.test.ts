import * as oidcClient from 'openid-client';
import type { Page } from 'playwright-core';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/modules/catalog/catalog.service.js';
import { systemActor } from '../../server/shared/actor.js';
import { signedInUser, totpAt, type SignedInUser } from '../helpers/accounts.js';
import { createOrganization, grantRole, idOf, loadSpot } from '../helpers/organizations.js';
import { expectNoAxeViolations } from '../browser/browser.js';
import { browserScenario } from '../browser/scenario.js';
import { expectHeading, switchLanguage, tick, type Visit } from '../browser/visit.js';

/*
 * A person signs in to an application (SPOT) through Rolecall in a real browser: the application
 * sends them to Rolecall, they sign in on Rolecall's own pages with their password and their
 * authenticator app, and come back to the application with a code it exchanges (openid-client).
 * Someone with no SPOT role is told so, in English and Spanish, and SPOT is told access_denied.
 */
describe('signing in to an application through Rolecall', () => {
  const scenario = browserScenario();
  // The application: a page of its own on this machine, where Rolecall sends people back.
  let application: Server;
  let redirectUri = '';
  beforeAll(async () => {
    application = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>SPOT</title><h1>SPOT</h1>');
    });
    await new Promise<void>((resolve) => application.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(application.address() as AddressInfo).port}/callback`;
  });
  afterAll(() => new Promise<void>((resolve) => application.close(() => resolve())));

  let spot: ReturnType<typeof loadSpot> | undefined;

  async function setUp() {
    const { server } = scenario;
    spot ??= loadSpot(server.ctx);
    const { roles, applicationId } = await spot;
    const { client, clientSecret } = await server.ctx.oidc.clients.create(
      { ...systemActor },
      { applicationCode: 'SPOT', name: 'SPOT', kind: 'web', redirectUris: [redirectUri] },
    );
    const config = await oidcClient.discovery(
      new URL(`${server.url}/oidc`),
      client.clientId,
      undefined,
      oidcClient.ClientSecretBasic(clientSecret),
      { execute: [oidcClient.allowInsecureRequests] },
    );
    return { roles: roles as Record<string, Role>, applicationId, config };
  }

  /** The problems of a visit, but for its trips to the application, which are the point. */
  const problemsOf = (visit: Visit) => visit.problems.filter((problem) => !problem.includes(redirectUri));

  async function signInOnPages(page: Page, person: SignedInUser): Promise<void> {
    await expectHeading(page, 'Sign in');
    await page.getByLabel('User ID', { exact: true }).fill(person.userId);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await tick(page, page.getByRole('checkbox', { name: 'I agree to the terms and conditions' }));
    await page.getByRole('main').getByRole('button', { name: 'Sign In', exact: true }).click();
    await expectHeading(page, 'Enter your code');
    scenario.server.clock.advance({ seconds: 30 });
    await page
      .getByLabel('Enter the code from your authenticator app')
      .fill(await totpAt(person.totpSecret, scenario.server.clock));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
  }

  async function authorizationUrl(config: oidcClient.Configuration) {
    const verifier = oidcClient.randomPKCECodeVerifier();
    const state = oidcClient.randomState();
    const url = oidcClient.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile roles',
      code_challenge: await oidcClient.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    return { url, verifier, state };
  }

  it('signs a person in on Rolecall’s pages and sends them back to the application with their roles', async () => {
    const { server } = scenario;
    const { roles, applicationId, config } = await setUp();
    const person = await signedInUser(server.app, server.ctx, server.clock);
    const organization = await createOrganization(server.ctx, applicationId);
    await grantRole(server.ctx, await idOf(server.ctx, person.userId), roles.end_user!, organization.id);

    const visit = await scenario.visit();
    const request = await authorizationUrl(config);
    await visit.page.goto(request.url.href);
    await signInOnPages(visit.page, person);
    await visit.page.waitForURL((url) => url.href.startsWith(`${redirectUri}?code=`));

    const tokens = await oidcClient.authorizationCodeGrant(config, new URL(visit.page.url()), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    const userinfo = await oidcClient.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    expect(userinfo).toMatchObject({
      preferred_username: person.userId,
      roles: [{ role: 'end_user', organization: { id: organization.id, submitterId: organization.submitterId } }],
    });
    expect(tokens.claims()).toMatchObject({ amr: ['pwd', 'mfa', 'otp'] });
    expect(problemsOf(visit)).toEqual([]);
    await visit.context.close();
  });

  it('tells a person with no role in the application so, in English and Spanish, and the application access_denied', async () => {
    const { server } = scenario;
    const { config } = await setUp();
    const person = await signedInUser(server.app, server.ctx, server.clock);

    const visit = await scenario.visit();
    const { page } = visit;
    const request = await authorizationUrl(config);
    await page.goto(request.url.href);
    await signInOnPages(page, person);
    await expectHeading(page, 'User is not assigned to the client application');
    expect(await page.title()).toBe('User is not assigned to the client application | Rolecall');
    await page.getByText('You signed in to Rolecall, but you do not hold a role in SPOT.').waitFor();
    expect(await page.getByRole('link', { name: 'Go to Manage My Roles' }).getAttribute('href')).toBe('/roles');
    await expectNoAxeViolations(page, '/sign-in/not-assigned (English)');
    await switchLanguage(page, 'es');
    await expectHeading(page, 'El usuario no está asignado a la aplicación cliente');
    await expectNoAxeViolations(page, '/sign-in/not-assigned (Spanish)');

    await page.getByRole('link', { name: 'Volver a SPOT' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${redirectUri}?`));
    const callback = new URL(page.url());
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('User is not assigned to the client application');
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(problemsOf(visit)).toEqual([]);
    await visit.context.close();
  });

  it('asks a person signed in already for their device again when the application says prompt=login, saying why', async () => {
    const { server } = scenario;
    // The provider keeps real time: the server's clock follows it, so "during this request" means
    // the same for both. The person signed in a few minutes ago.
    server.clock.set(new Date(Date.now() - 5 * 60_000));
    const { roles, applicationId, config } = await setUp();
    const person = await signedInUser(server.app, server.ctx, server.clock);
    const organization = await createOrganization(server.ctx, applicationId);
    await grantRole(server.ctx, await idOf(server.ctx, person.userId), roles.end_user!, organization.id);
    const visit = await scenario.visitAs(person);
    server.clock.set(new Date());

    const { page } = visit;
    const request = await authorizationUrl(config);
    request.url.searchParams.set('prompt', 'login');
    await page.goto(request.url.href);
    await expectHeading(page, 'Enter your code');
    const notice = 'The application you are signing in to asks you to confirm it is you.';
    await page.getByText(notice, { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/sign-in/mfa for an application (English)');
    await switchLanguage(page, 'es');
    await expectHeading(page, 'Ingrese su código');
    await page.getByText('La aplicación a la que está entrando le pide confirmar que es usted.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/sign-in/mfa for an application (Spanish)');
    await switchLanguage(page, 'en');

    server.clock.advance({ seconds: 30 });
    await page.getByLabel('Enter the code from your authenticator app').fill(await totpAt(person.totpSecret, server.clock));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${redirectUri}?code=`));
    const tokens = await oidcClient.authorizationCodeGrant(config, new URL(page.url()), {
      pkceCodeVerifier: request.verifier,
      expectedState: request.state,
    });
    expect(tokens.claims()!.auth_time).toBe(Math.floor(server.clock.now().getTime() / 1000));
    expect(problemsOf(visit)).toEqual([]);
    await visit.context.close();
  });
});

/// <reference lib="dom" />
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumSkipReason, expectNoAxeViolations, launchBrowser } from '../browser/browser.js';
import { expectHeading, expectOnlyRefusals, openVisit, switchLanguage, tick, type Visit } from '../browser/visit.js';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.js';
import { startTestServer } from '../helpers/test-server.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.log(chromiumSkipReason());

type Server = Awaited<ReturnType<typeof startTestServer>>;
type Language = 'en' | 'es';

const PASSWORD = 'Violet-Harbor-Lantern-42';
const NEW_PASSWORD = 'Quartz-Meadow-Falcon-77';

/** What the pages say, in each language: the labels a person reads and follows. */
const text = {
  en: {
    welcome: 'Welcome to Rolecall',
    createAccount: 'Create an account',
    registerTitle: 'New User Registration',
    requiredOnRegister:
      'Enter your first name.|Enter your last name.|Enter your email address.|Choose a user ID.|Choose a password.|Enter the password again to confirm it.',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email address',
    userId: 'User ID',
    password: 'Password',
    confirmPassword: 'Confirm password',
    createButton: 'Create account',
    problem: 'There is a problem',
    lengthNotMet: 'Not met: Be 15 to 60 characters long',
    checkEmail: 'Check your email',
    verified: 'Your email address is verified',
    signInLink: 'Sign in',
    signInTitle: 'Sign in',
    agree: 'I agree to the terms and conditions',
    signInButton: 'Sign In',
    enrollTitle: 'Set up multi-factor authentication',
    totpKind: 'Authenticator app',
    webauthnKind: 'Security key or passkey',
    deviceName: 'Name this device',
    continue: 'Continue',
    totpTitle: 'Set up your authenticator app',
    totpQrAlt: 'QR code to add Rolecall to your authenticator app',
    sixDigitCode: 'Enter the 6-digit code',
    confirm: 'Confirm',
    addKeyTitle: 'Add your security key',
    addKey: 'Add security key',
    codesTitle: 'Save your recovery codes',
    home: (name: string) => `Welcome, ${name}`,
    profileTile: 'My Profile',
    mfaTile: 'Manage MFA and recovery devices',
    signOut: 'Sign out',
    signedOut: 'You signed out.',
    chooseDevice: 'Choose an MFA device',
    chooseAnother: 'Choose another MFA device',
    totpIntro: 'Open your authenticator app to get a code.',
    enterCode: 'Enter your code',
    totpLabel: 'Enter the code from your authenticator app',
    verify: 'Verify',
    useKeyTitle: 'Use your security key',
    useKey: 'Use security key',
    resend: 'Send the link again',
    resent: 'We sent a new link. It may take a few minutes to arrive.',
    badLink: 'This link is not valid or has expired. Ask for a new one.',
    verifyFailed: 'We could not verify your email address',
    profileTitle: 'My Profile',
    phone: 'Phone number',
    languageField: 'Language',
    saveProfile: 'Save changes',
    newEmail: 'New email address',
    changeEmail: 'Change email address',
    emailSent: (email: string) => `We sent a link to ${email}. Open it to confirm your new email address.`,
    verifyNewEmailTitle: 'Confirm your new email address',
    emailChanged: (email: string) => `Your email address is now ${email}.`,
    backToProfile: 'Back to My Profile',
    removeApp: 'Remove Authenticator app',
    removeConfirm: 'Yes, remove it',
    onlyDevice: 'Your only device: add another before removing it.',
    generateCodes: 'Generate new recovery codes',
    savedCodes: 'Done',
    copyCodes: 'Copy',
    downloadCodes: 'Download',
    printCodes: 'Print',
    codesSaved: 'I saved these codes somewhere safe',
    codesSavedRequired: 'Save the codes first, then tick the box to say you did.',
    codesLeft: 'You have 10 recovery codes left.',
    emailKind: 'Email',
    added: 'was added.',
    removed: 'was removed.',
    sessionsTitle: 'Sessions',
    thisSession: 'This session',
    changePasswordTitle: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    wrongCurrent: 'The current password is not correct.',
    timeoutTitle: 'Your session is about to end',
    staySignedIn: 'Stay signed in',
    timedOut: 'You were signed out after 30 minutes without activity.',
    forgotUserId: 'Forgot your user ID?',
    emailMyUserId: 'Email my user ID',
    userIdSent: 'If an account uses this address, we emailed its user ID.',
    backToSignIn: 'Back to sign in',
    forgotPassword: 'Forgot your password?',
    emailMeLink: 'Email me a link',
    resetSent: 'If an account uses this user ID, we emailed a link to reset its password.',
    resetTitle: 'Choose a new password',
    resetSubmit: 'Change password',
    resetDone: 'Your password was changed',
    mismatch: 'The passwords do not match.',
    useRecoveryCode: 'Use a recovery code',
    recoveryTitle: 'Use a recovery code',
    recoveryCode: 'Recovery code',
  },
  es: {
    welcome: 'Bienvenido a Rolecall',
    createAccount: 'Crear una cuenta',
    registerTitle: 'Registro de usuario nuevo',
    requiredOnRegister:
      'Ingrese su nombre.|Ingrese su apellido.|Ingrese su dirección de correo electrónico.|Elija un ID de usuario.|Elija una contraseña.|Ingrese la contraseña otra vez para confirmarla.',
    firstName: 'Nombre',
    lastName: 'Apellido',
    email: 'Correo electrónico',
    userId: 'ID de usuario',
    password: 'Contraseña',
    confirmPassword: 'Confirme la contraseña',
    createButton: 'Crear cuenta',
    problem: 'Hay un problema',
    lengthNotMet: 'No se cumple: Tener de 15 a 60 caracteres',
    checkEmail: 'Revise su correo electrónico',
    verified: 'Su correo electrónico está verificado',
    signInLink: 'Iniciar sesión',
    signInTitle: 'Iniciar sesión',
    agree: 'Acepto los términos y condiciones',
    signInButton: 'Iniciar sesión',
    enrollTitle: 'Configure la autenticación de múltiples factores',
    totpKind: 'Aplicación de autenticación',
    webauthnKind: 'Llave de seguridad o clave de acceso',
    deviceName: 'Nombre del dispositivo',
    continue: 'Continuar',
    totpTitle: 'Configure su aplicación de autenticación',
    totpQrAlt: 'Código QR para agregar Rolecall a su aplicación de autenticación',
    sixDigitCode: 'Ingrese el código de 6 dígitos',
    confirm: 'Confirmar',
    addKeyTitle: 'Agregue su llave de seguridad',
    addKey: 'Agregar la llave de seguridad',
    codesTitle: 'Guarde sus códigos de recuperación',
    home: (name: string) => `Bienvenido, ${name}`,
    profileTile: 'Mi perfil',
    mfaTile: 'Administrar dispositivos MFA y de recuperación',
    signOut: 'Cerrar sesión',
    signedOut: 'Cerró su sesión.',
    chooseDevice: 'Elija un dispositivo MFA',
    chooseAnother: 'Elegir otro dispositivo MFA',
    totpIntro: 'Abra su aplicación de autenticación para obtener un código.',
    enterCode: 'Ingrese su código',
    totpLabel: 'Ingrese el código de su aplicación de autenticación',
    verify: 'Verificar',
    useKeyTitle: 'Use su llave de seguridad',
    useKey: 'Usar la llave de seguridad',
    resend: 'Enviar el enlace de nuevo',
    resent: 'Enviamos un enlace nuevo. Puede tardar unos minutos en llegar.',
    badLink: 'Este enlace no es válido o ha vencido. Solicite uno nuevo.',
    verifyFailed: 'No pudimos verificar su correo electrónico',
    profileTitle: 'Mi perfil',
    phone: 'Número de teléfono',
    languageField: 'Idioma',
    saveProfile: 'Guardar los cambios',
    newEmail: 'Nuevo correo electrónico',
    changeEmail: 'Cambiar el correo electrónico',
    emailSent: (email: string) => `Enviamos un enlace a ${email}. Ábralo para confirmar su nuevo correo electrónico.`,
    verifyNewEmailTitle: 'Confirme su nuevo correo electrónico',
    emailChanged: (email: string) => `Su correo electrónico ahora es ${email}.`,
    backToProfile: 'Volver a Mi perfil',
    removeApp: 'Quitar Aplicación de autenticación',
    removeConfirm: 'Sí, quitarlo',
    onlyDevice: 'Su único dispositivo: agregue otro antes de eliminarlo.',
    generateCodes: 'Generar nuevos códigos de recuperación',
    savedCodes: 'Listo',
    copyCodes: 'Copiar',
    downloadCodes: 'Descargar',
    printCodes: 'Imprimir',
    codesSaved: 'Guardé estos códigos en un lugar seguro',
    codesSavedRequired: 'Primero guarde los códigos y luego marque la casilla para indicar que lo hizo.',
    codesLeft: 'Le quedan 10 códigos de recuperación.',
    emailKind: 'Correo electrónico',
    added: 'Se agregó',
    removed: 'Se quitó',
    sessionsTitle: 'Sesiones',
    thisSession: 'Esta sesión',
    changePasswordTitle: 'Cambiar la contraseña',
    currentPassword: 'Contraseña actual',
    newPassword: 'Nueva contraseña',
    wrongCurrent: 'La contraseña actual no es correcta.',
    timeoutTitle: 'Su sesión está por terminar',
    staySignedIn: 'Mantener la sesión iniciada',
    timedOut: 'Se cerró su sesión después de 30 minutos sin actividad.',
    forgotUserId: '¿Olvidó su ID de usuario?',
    emailMyUserId: 'Enviarme mi ID de usuario',
    userIdSent: 'Si alguna cuenta usa esta dirección, le enviamos su ID de usuario por correo electrónico.',
    backToSignIn: 'Volver a iniciar sesión',
    forgotPassword: '¿Olvidó su contraseña?',
    emailMeLink: 'Enviarme un enlace',
    resetSent: 'Si alguna cuenta usa este ID de usuario, le enviamos un enlace para restablecer su contraseña.',
    resetTitle: 'Elija una nueva contraseña',
    resetSubmit: 'Cambiar la contraseña',
    resetDone: 'Se cambió su contraseña',
    mismatch: 'Las contraseñas no coinciden.',
    useRecoveryCode: 'Usar un código de recuperación',
    recoveryTitle: 'Use un código de recuperación',
    recoveryCode: 'Código de recuperación',
  },
} satisfies Record<Language, Record<string, string | ((value: string) => string)>>;

type Text = (typeof text)[Language];

describe.skipIf(!hasChromium)('accounts in the browser', { timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;
  let capture: SmtpCapture;
  const visits: Visit[] = [];
  let sequence = 0;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    [server, browser] = await Promise.all([
      // Four people sign up from one address within a minute: the per-address limit is not under test.
      // Background work on, as a production server has it: a forgotten user ID or password is
      // emailed right after the answer (the sweeps' timers are not started by the test server).
      startTestServer({
        mailTransport: capture.transport(),
        env: { ROLECALL_AUTH_RATE_LIMIT: '1000', ROLECALL_JOBS: 'true' },
      }),
      launchBrowser(),
    ]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(visits.map((visit) => visit.context.close()));
    await browser?.close();
    await server?.close();
    await capture?.close();
  });

  async function openPage(): Promise<Visit> {
    const visit = await openVisit(browser, server.url);
    visits.push(visit);
    return visit;
  }

  function newPerson(language: Language) {
    sequence += 1;
    const unique = `${Date.now().toString(36)}${sequence}`;
    return {
      firstName: language === 'es' ? 'Lucía' : 'Dana',
      lastName: language === 'es' ? 'Ortega' : 'Whitfield',
      userId: `browser.${unique}`,
      email: `browser.${unique}@example.test`,
    };
  }
  type Person = ReturnType<typeof newPerson>;

  async function checkPage(page: Page, heading: string, context: string): Promise<void> {
    await expectHeading(page, heading);
    await expectNoAxeViolations(page, context);
  }

  /** The newest captured email to `to` that has a link to `path`, decoded from quoted-printable. */
  async function linkFromEmail(to: string, path: string): Promise<URL> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const message of [...capture.messages].reverse()) {
        if (!message.to.includes(to)) continue;
        const body = message.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '=');
        const match = new RegExp(`https?://[^\\s"<>]+${path.replace('/', '\\/')}\\?token=[A-Za-z0-9_%.-]+`).exec(body);
        if (match) return new URL(match[0]);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No email to ${to} with a ${path} link`);
  }

  /** The code an authenticator app shows now, by the server's (test) clock. */
  function totpNow(secret: string): Promise<string> {
    return generate({ secret, epoch: Math.floor(server.clock.now().getTime() / 1000) });
  }

  async function register(page: Page, t: Text, person: Person, language: Language): Promise<void> {
    await page.goto(`${server.url}/`);
    await expectHeading(page, text.en.welcome);
    if (language === 'es') await switchLanguage(page, 'es');
    await checkPage(page, t.welcome, `/ (${language})`);

    await page.getByRole('main').getByRole('link', { name: t.createAccount }).click();
    await page.waitForURL(`${server.url}/register`);
    await checkPage(page, t.registerTitle, `/register (${language})`);

    // Sent empty: every required field is flagged, and the summary links to each one.
    await page.getByRole('button', { name: t.createButton }).click();
    await page.getByRole('heading', { name: t.problem }).waitFor();
    const summary = page.getByRole('alert').getByRole('link');
    expect(await summary.allTextContents()).toEqual(t.requiredOnRegister.split('|'));
    expect(await page.getByLabel(t.password, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(t.confirmPassword, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, `/register sent empty (${language})`);
    // The messages follow a change of language at once.
    const other = language === 'en' ? 'es' : 'en';
    await switchLanguage(page, other);
    const translated = text[other].requiredOnRegister.split('|');
    await summary.filter({ hasText: translated[0] }).waitFor();
    expect(await summary.allTextContents()).toEqual(translated);
    await switchLanguage(page, language);
    await summary.first().click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('register-firstName');

    await page.getByLabel(t.firstName, { exact: true }).fill(person.firstName);
    await page.getByLabel(t.lastName, { exact: true }).fill(person.lastName);
    await page.getByLabel(t.email, { exact: true }).fill(person.email);
    await page.getByLabel(t.userId, { exact: true }).fill(person.userId);
    // First a password that breaks the length rule: the rule is marked under the field.
    await page.getByLabel(t.password, { exact: true }).fill('Short1a');
    await page.getByLabel(t.confirmPassword, { exact: true }).fill('Short1a');
    await page.getByRole('button', { name: t.createButton }).click();
    await page.getByRole('heading', { name: t.problem }).waitFor();
    await page.getByText(t.lengthNotMet).waitFor();
    expect(await page.evaluate(() => document.activeElement?.querySelector('[role="alert"]') !== null)).toBe(true);
    expect(await page.getByLabel(t.password, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, `/register with a refused password (${language})`);

    await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
    await page.getByLabel(t.confirmPassword, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: t.createButton }).click();
    await page.waitForURL(`${server.url}/register/check-email`);
    await checkPage(page, t.checkEmail, `/register/check-email (${language})`);
    await page.getByText(person.email).waitFor();
    // "Send the link again" sends a second email; the newest link is the one to open.
    await page.getByRole('button', { name: t.resend }).click();
    await page.getByText(t.resent).waitFor();
    await expect
      .poll(() => capture.messages.filter((message) => message.to.includes(person.email)).length, { timeout: 15_000 })
      .toBe(2);

    // The emailed link opens the verification page on this server.
    const link = await linkFromEmail(person.email, '/verify-email');
    expect(link.origin).toBe(server.url);
    await page.goto(`${server.url}/verify-email?token=${encodeURIComponent(link.searchParams.get('token') ?? '')}`);
    await checkPage(page, t.verified, `/verify-email (${language})`);
    await page.getByRole('main').getByRole('link', { name: t.signInLink }).click();
    await page.waitForURL(`${server.url}/sign-in`);
  }

  async function signIn(
    page: Page,
    t: Text,
    person: Person,
    language: Language,
    context: string,
    password = PASSWORD,
  ): Promise<void> {
    await expectHeading(page, t.signInTitle);
    await page.getByTestId('terms-body').waitFor();
    await expectNoAxeViolations(page, `/sign-in ${context} (${language})`);
    await page.getByLabel(t.userId, { exact: true }).fill(person.userId);
    await page.getByLabel(t.password, { exact: true }).fill(password);
    await tick(page, page.getByRole('checkbox', { name: t.agree }));
    await page.getByRole('main').getByRole('button', { name: t.signInButton, exact: true }).click();
  }

  async function saveRecoveryCodes(page: Page, t: Text, language: Language): Promise<string[]> {
    await checkPage(page, t.codesTitle, `recovery codes (${language})`);
    const codes = await page.getByTestId('recovery-codes').getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // They can be kept three ways; going on needs the person to say they kept them.
    for (const name of [t.copyCodes, t.printCodes]) expect(await page.getByRole('button', { name }).isVisible()).toBe(true);
    const download = page.getByRole('link', { name: t.downloadCodes });
    expect(await download.getAttribute('download')).toBe('rolecall-recovery-codes.txt');
    expect(await download.getAttribute('href')).toMatch(/^blob:/);
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByText(t.codesSavedRequired).waitFor();
    await expectNoAxeViolations(page, `recovery codes not confirmed (${language})`);
    await tick(page, page.getByRole('checkbox', { name: t.codesSaved }));
    await page.getByRole('button', { name: t.continue }).click();
    return codes;
  }

  /** Registration, the first sign-in and an authenticator app, through the pages; ends at home. */
  async function signUpWithApp(
    page: Page,
    t: Text,
    person: Person,
    language: Language,
  ): Promise<{ secret: string; codes: string[] }> {
    await register(page, t, person, language);
    await signIn(page, t, person, language, 'first time');
    await page.waitForURL(`${server.url}/mfa/enroll`);
    await checkPage(page, t.enrollTitle, `/mfa/enroll (${language})`);
    await tick(page, page.getByRole('radio', { name: new RegExp(`^${t.totpKind}`) }));
    await page.getByRole('button', { name: t.continue }).click();

    await page.getByRole('heading', { level: 2, name: t.totpTitle }).waitFor();
    expect(await page.getByRole('img', { name: t.totpQrAlt }).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectNoAxeViolations(page, `/mfa/enroll authenticator app (${language})`);
    await page.getByLabel(t.sixDigitCode).fill(await totpNow(secret));
    await page.getByRole('button', { name: t.confirm, exact: true }).click();

    const codes = await saveRecoveryCodes(page, t, language);
    await expectHome(page, t, person, `home after enrolment (${language})`);
    return { secret, codes };
  }

  /** The newest captured email to `to` whose text matches `pattern`. */
  async function emailMatching(to: string, pattern: RegExp): Promise<RegExpExecArray> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      for (const message of [...capture.messages].reverse()) {
        if (!message.to.includes(to)) continue;
        const match = pattern.exec(message.raw.replace(/=\r?\n/g, '').replace(/=3D/gi, '='));
        if (match) return match;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No email to ${to} matching ${pattern}`);
  }

  async function expectHome(page: Page, t: Text, person: Person, context: string): Promise<void> {
    await page.waitForURL(`${server.url}/`);
    await checkPage(page, t.home(person.firstName), context);
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: t.profileTile, exact: true }).getAttribute('href')).toBe('/profile');
    expect(await main.getByRole('link', { name: t.mfaTile, exact: true }).getAttribute('href')).toBe('/profile/mfa');
    await page.getByRole('navigation').getByText(person.userId).waitFor();
  }

  async function signOut(page: Page, t: Text): Promise<void> {
    await page.getByRole('navigation').getByRole('button', { name: t.signOut }).click();
    await page.waitForURL(`${server.url}/sign-in`);
    await page.getByText(t.signedOut).waitFor();
  }

  for (const language of ['en', 'es'] as const) {
    const t = text[language];

    it(`registers, enrols an authenticator app and signs in with it (${language})`, async () => {
      const { page, problems } = await openPage();
      const person = newPerson(language);
      // First sign-in: no device yet, so enrol one.
      const { secret } = await signUpWithApp(page, t, person, language);
      await signOut(page, t);

      // Again, now with the authenticator app: a code is never accepted twice, so the next one.
      await signIn(page, t, person, language, 'after sign-out');
      await page.waitForURL(`${server.url}/sign-in/mfa`);
      // One device: nothing to choose, its code is asked for at once.
      await checkPage(page, t.enterCode, `/sign-in/mfa code (${language})`);
      expect(await page.getByRole('button', { name: t.chooseAnother }).count()).toBe(0);
      // An unnamed device is named by its kind, never by an empty name.
      await page.getByText(t.totpIntro, { exact: true }).waitFor();
      server.clock.advance({ seconds: 30 });
      await page.getByLabel(t.totpLabel).fill(await totpNow(secret));
      await page.getByRole('button', { name: t.verify, exact: true }).click();
      await expectHome(page, t, person, `home after sign-in with a code (${language})`);
      expectOnlyRefusals(problems, [400]);
    });

    it(`registers, enrols a security key and signs in with it (${language})`, async () => {
      const { page, problems } = await openPage();
      // Chromium's virtual authenticator stands in for a USB security key.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'usb', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
      });
      const person = newPerson(language);
      await register(page, t, person, language);

      await signIn(page, t, person, language, 'first time');
      await page.waitForURL(`${server.url}/mfa/enroll`);
      await checkPage(page, t.enrollTitle, `/mfa/enroll (${language})`);
      await tick(page, page.getByRole('radio', { name: new RegExp(`^${t.webauthnKind}`) }));
      await page.getByLabel(t.deviceName).fill('Blue key');
      await page.getByRole('button', { name: t.continue }).click();
      await page.getByRole('heading', { level: 2, name: t.addKeyTitle }).waitFor();
      await expectNoAxeViolations(page, `/mfa/enroll security key (${language})`);
      await page.getByRole('button', { name: t.addKey }).click();

      await saveRecoveryCodes(page, t, language);
      await expectHome(page, t, person, `home after enrolment (${language})`);
      await signOut(page, t);

      await signIn(page, t, person, language, 'after sign-out');
      await page.waitForURL(`${server.url}/sign-in/mfa`);
      await checkPage(page, t.useKeyTitle, `/sign-in/mfa security key (${language})`);
      await page.getByRole('button', { name: t.useKey }).click();
      await expectHome(page, t, person, `home after sign-in with a security key (${language})`);
      expectOnlyRefusals(problems, [400]);
    });

    it(`keeps a profile, devices and sessions, and warns before an idle session ends (${language})`, async () => {
      const { page, problems } = await openPage();
      const person = newPerson(language);
      await signUpWithApp(page, t, person, language);

      // My Profile: the details, and saving another language switches the pages to it.
      await page.getByRole('main').getByRole('link', { name: t.profileTile, exact: true }).click();
      await page.waitForURL(`${server.url}/profile`);
      await checkPage(page, t.profileTitle, `/profile (${language})`);
      expect(await page.getByLabel(t.firstName, { exact: true }).inputValue()).toBe(person.firstName);
      await page.getByLabel(new RegExp(`^${t.phone}`)).fill('555-555-0100');
      const other = language === 'en' ? 'es' : 'en';
      await page.getByLabel(t.languageField).selectOption(other);
      // A stale CSRF token (the session was replaced elsewhere) is fetched again and the change
      // sent once more: the first try is refused here as the server would refuse it.
      let refusedOnce = false;
      await page.route(`${server.url}/api/v1/me`, async (route) => {
        if (route.request().method() !== 'PATCH' || refusedOnce) return route.fallback();
        refusedOnce = true;
        await route.fulfill({
          status: 403,
          json: { error: { code: 'auth.csrf', message: 'This request could not be verified.' }, requestId: 'test' },
        });
      });
      await page.getByRole('button', { name: t.saveProfile }).click();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, other);
      await checkPage(page, text[other].profileTitle, `/profile saved in the other language (${language})`);
      await switchLanguage(page, language);
      await expectHeading(page, t.profileTitle);

      // A new email address is used once the link sent to it is opened.
      const newEmail = `new.${person.email}`;
      await page.getByLabel(t.newEmail).fill(newEmail);
      await page.getByRole('button', { name: t.changeEmail }).click();
      await page.getByText(t.emailSent(newEmail)).waitFor();
      await expectNoAxeViolations(page, `/profile email change sent (${language})`);
      const link = await linkFromEmail(newEmail, '/profile/verify-email');
      await page.goto(`${server.url}/profile/verify-email?token=${encodeURIComponent(link.searchParams.get('token') ?? '')}`);
      await checkPage(page, t.verifyNewEmailTitle, `/profile/verify-email (${language})`);
      await page.getByText(t.emailChanged(newEmail)).waitFor();
      await page.getByRole('link', { name: t.backToProfile }).click();

      // Devices: the only one cannot be removed; new recovery codes; an email device added and removed.
      await page.getByRole('main').getByRole('link', { name: t.mfaTile }).click();
      await checkPage(page, t.mfaTile, `/profile/mfa (${language})`);
      // The only device offers no Remove (the server lists no action on it) and says why.
      await page.getByText(t.onlyDevice).waitFor();
      expect(await page.getByRole('button', { name: t.removeApp }).count()).toBe(0);
      await expectNoAxeViolations(page, `/profile/mfa last device (${language})`);

      await page.getByRole('button', { name: t.generateCodes }).click();
      await page.getByRole('heading', { level: 2, name: t.codesTitle }).waitFor();
      expect(await page.getByTestId('recovery-codes').getByRole('listitem').count()).toBe(10);
      await expectNoAxeViolations(page, `/profile/mfa new recovery codes (${language})`);
      await tick(page, page.getByRole('checkbox', { name: t.codesSaved }));
      await page.getByRole('button', { name: t.savedCodes }).click();
      await page.getByText(t.codesLeft).waitFor();

      await tick(page, page.getByRole('radio', { name: new RegExp(`^${t.emailKind}`) }));
      await page.getByRole('button', { name: t.continue }).click();
      await page.getByLabel(t.sixDigitCode).waitFor();
      await expectNoAxeViolations(page, `/profile/mfa email code (${language})`);
      const [, code] = await emailMatching(newEmail, /\b(\d{6})\b/);
      await page.getByLabel(t.sixDigitCode).fill(code ?? '');
      await page.getByRole('button', { name: t.confirm, exact: true }).click();
      await page.getByText(t.added).waitFor();
      const rows = page.getByRole('table').getByRole('row');
      await expect.poll(() => rows.count()).toBe(3);
      await expectNoAxeViolations(page, `/profile/mfa two devices (${language})`);
      await rows.nth(2).getByRole('button').click();
      await page.getByRole('button', { name: t.removeConfirm }).click();
      await page.getByText(t.removed).waitFor();
      await expect.poll(() => rows.count()).toBe(2);

      // Sessions, and a wrong current password.
      await page.goto(`${server.url}/profile/sessions`);
      await checkPage(page, t.sessionsTitle, `/profile/sessions (${language})`);
      await page.getByRole('table').getByText(t.thisSession).waitFor();
      await page.goto(`${server.url}/profile/password`);
      await checkPage(page, t.changePasswordTitle, `/profile/password (${language})`);
      await page.getByLabel(t.currentPassword).fill('Not-The-Password-123');
      await page.getByLabel(t.newPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel(t.confirmPassword).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: t.changePasswordTitle }).click();
      await page.getByRole('alert').getByText(t.wrongCurrent).first().waitFor();
      expect(await page.getByLabel(t.currentPassword).getAttribute('aria-invalid')).toBe('true');
      await expectNoAxeViolations(page, `/profile/password refused (${language})`);

      // Idle: the warning opens at 20 minutes; "Stay signed in" keeps the session; at 30 the
      // session ends. The page's clock is moved by hand, and the server's with it.
      await page.clock.install();
      await page.goto(`${server.url}/profile`);
      await expectHeading(page, t.profileTitle);
      // The dialog's own box is empty (its overlay and window are fixed): wait for what it shows.
      const dialog = page.getByRole('dialog', { name: t.timeoutTitle });
      const stay = dialog.getByRole('button', { name: t.staySignedIn });
      await page.clock.fastForward('20:30');
      await stay.waitFor();
      await expectNoAxeViolations(page, `session timeout warning (${language})`);
      server.clock.advance({ minutes: 21 });
      await stay.click();
      await stay.waitFor({ state: 'hidden' });
      await page.clock.fastForward('20:30');
      await stay.waitFor();
      await page.clock.fastForward('10:00');
      // Signed out where it stood: after signing in again the person comes back to My Profile.
      await page.waitForURL(`${server.url}/sign-in?returnTo=%2Fprofile`);
      await page.getByText(t.timedOut).waitFor();
      await expectNoAxeViolations(page, `/sign-in after the session timed out (${language})`);
      await page.goto(`${server.url}/profile`);
      await page.waitForURL(/\/sign-in\?returnTo=%2Fprofile$/);
      // The refused registration password, the stale token, the wrong current password.
      expect(refusedOnce).toBe(true);
      expectOnlyRefusals(problems, [400, 403, 400]);
    });

    it(`recovers a user ID and a password, and signs in with a recovery code (${language})`, async () => {
      const { page, problems } = await openPage();
      const person = newPerson(language);
      const { codes } = await signUpWithApp(page, t, person, language);
      await signOut(page, t);

      // A link cut short in the email: the page says to ask for a new one, and offers it.
      await page.goto(`${server.url}/verify-email?token=abc`);
      await checkPage(page, t.verifyFailed, `/verify-email bad link (${language})`);
      await page.getByRole('alert').getByText(t.badLink).waitFor();
      await page.getByLabel(t.email).waitFor();
      await page.goto(`${server.url}/sign-in`);

      await page.getByRole('link', { name: t.forgotUserId }).click();
      await checkPage(page, t.forgotUserId, `/forgot-user-id (${language})`);
      await page.getByLabel(t.email).fill(person.email);
      await page.getByRole('button', { name: t.emailMyUserId }).click();
      await page.getByText(t.userIdSent).waitFor();
      await expectNoAxeViolations(page, `/forgot-user-id sent (${language})`);
      await emailMatching(person.email, new RegExp(person.userId.replace('.', '\\.')));
      await page.getByRole('link', { name: t.backToSignIn }).click();

      await page.getByRole('link', { name: t.forgotPassword }).click();
      await checkPage(page, t.forgotPassword, `/forgot-password (${language})`);
      await page.getByLabel(t.userId).fill(person.userId);
      await page.getByRole('button', { name: t.emailMeLink }).click();
      await page.getByText(t.resetSent).waitFor();
      await expectNoAxeViolations(page, `/forgot-password sent (${language})`);

      const link = await linkFromEmail(person.email, '/reset-password');
      await page.goto(`${server.url}/reset-password?token=${encodeURIComponent(link.searchParams.get('token') ?? '')}`);
      await checkPage(page, t.resetTitle, `/reset-password (${language})`);
      await page.getByLabel(t.newPassword, { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel(t.confirmPassword).fill(`${NEW_PASSWORD}!`);
      await page.getByRole('button', { name: t.resetSubmit }).click();
      await page.getByText(t.mismatch).waitFor();
      await expectNoAxeViolations(page, `/reset-password mismatch (${language})`);
      await page.getByLabel(t.confirmPassword).fill(NEW_PASSWORD);
      await page.getByRole('button', { name: t.resetSubmit }).click();
      await checkPage(page, t.resetDone, `/reset-password done (${language})`);
      await page.getByRole('main').getByRole('link', { name: t.signInLink }).click();

      await signIn(page, t, person, language, 'after a reset', NEW_PASSWORD);
      await page.waitForURL(`${server.url}/sign-in/mfa`);
      await page.getByRole('button', { name: t.useRecoveryCode }).click();
      await checkPage(page, t.recoveryTitle, `/sign-in/mfa recovery code (${language})`);
      await page.getByLabel(t.recoveryCode).fill(codes[0] ?? '');
      await page.getByRole('button', { name: t.verify, exact: true }).click();
      await expectHome(page, t, person, `home after a recovery code (${language})`);
      // The refused registration password, the link cut short.
      expectOnlyRefusals(problems, [400, 400]);
    });
  }
});

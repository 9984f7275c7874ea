import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

/**
 * The content security policy for every page Rolecall serves: scripts, styles, fonts and images
 * only from this origin; no inline script, no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * The policy as a header value, with more origins a form may send to: a browser holds a form's
 * redirects to `form-action` too, so a page whose form ends at another site (the provider's
 * sign-out confirmation, which sends the person back to the application) must name that site.
 */
export function contentSecurityPolicyHeader(options: { httpsOnly: boolean; formActionOrigins: readonly string[] }): string {
  const directives: Record<string, readonly string[]> = {
    ...CONTENT_SECURITY_POLICY,
    formAction: [...CONTENT_SECURITY_POLICY.formAction, ...new Set(options.formActionOrigins)],
    ...(options.httpsOnly ? { upgradeInsecureRequests: [] } : {}),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), ...values].join(' '))
    .join(';');
}

export async function registerSecurity(app: FastifyInstance, options: { httpsOnly: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, ...(options.httpsOnly ? { upgradeInsecureRequests: [] } : {}) },
    },
    strictTransportSecurity: options.httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  // Limits are declared per route (config.rateLimit), never globally: sign-in and recovery need
  // tight ones, reads need none.
  await app.register(rateLimit, { global: false });
}

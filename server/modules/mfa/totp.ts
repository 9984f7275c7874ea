import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/*
 * Authenticator apps (RFC 6238): 6 digits, 30-second steps, SHA-1, as every app expects. One step
 * of clock drift is forgiven either way, and a step once accepted is never accepted again.
 */
const DRIFT_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, accountName: string, issuer: string): string {
  return generateURI({ issuer, label: accountName, secret });
}

/** The QR code of an otpauth:// URI, as an SVG data URL an <img> can show under the CSP. */
export async function qrCodeDataUrl(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** Answers the time step the code belongs to, or undefined if it is wrong, stale or already used. */
export async function verifyTotp(
  secret: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): Promise<number | undefined> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  try {
    const result = await verify({
      secret,
      token,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: DRIFT_SECONDS,
      ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : undefined;
  } catch {
    return undefined;
  }
}

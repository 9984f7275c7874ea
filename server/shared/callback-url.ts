/**
 * An address Rolecall may send people or messages to on another party's behalf (a redirect URI,
 * a webhook): https, or http on this machine's loopback (something under development); never
 * credentials in it, nor a fragment, which a redirect's answer would be appended to.
 */
export function isCallbackUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.hash !== '' || address.includes('#') || url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

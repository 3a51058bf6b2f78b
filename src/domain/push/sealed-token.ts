/**
 * The access token a push subscription was made with, kept encrypted: Mastodon's push payload
 * gives the token back to the app's service worker (so it can act on the notification), but
 * Woolly stores tokens only as hashes. AES-256-GCM with a key derived (HKDF) from
 * SECRET_KEY_BASE, both from Node's crypto; a changed secret makes old subscriptions' tokens
 * unreadable, which only leaves `access_token` out of their payloads.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const keyOf = (secretKeyBase: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secretKeyBase, 'woolly', 'web push access token', 32));

export function sealToken(secretKeyBase: string, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretKeyBase), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** The token, or null when it cannot be opened (another secret, damaged value). */
export function openToken(secretKeyBase: string, sealed: string): string | null {
  const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKeyBase), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

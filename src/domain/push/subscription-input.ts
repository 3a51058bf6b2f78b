/**
 * What POST and PUT /api/v1/push/subscription may set, checked: the push service's endpoint
 * (https; plain http only to loopback outside production, where development and tests run
 * their push service), the browser's keys (a P-256 public key of 65 bytes and a 16-byte
 * secret, base64url, as RFC 8291 defines them), the alerts (Mastodon's notification types)
 * and the policy. A bad value is Mastodon's 422 naming the field.
 */
import { recordInvalid, fieldError, addError, type FieldErrors } from '../validation.ts';
import { notificationTypes } from '../notifications/types.ts';
import { pushPolicies, type PushPolicy } from '../../db/repositories/web-push-subscriptions.ts';

export interface SubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
  standard: boolean;
}

export interface PushData {
  alerts: Record<string, boolean>;
  policy: PushPolicy;
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

function decodedLength(value: string): number | null {
  if (!/^[A-Za-z0-9_\-+/]+={0,2}$/.test(value)) return null;
  return Buffer.from(value.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url').length;
}

export function checkSubscriptionKeys(
  input: { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown }; standard?: unknown },
  options: { production: boolean },
): SubscriptionKeys {
  const details: FieldErrors = {};
  const endpoint = typeof input.endpoint === 'string' ? input.endpoint.trim() : '';
  if (endpoint === '') addError(details, 'endpoint', fieldError.blank());
  else if (!endpointAllowed(endpoint, options.production)) {
    addError(details, 'endpoint', fieldError.invalid());
  }
  const p256dh = typeof input.keys?.p256dh === 'string' ? input.keys.p256dh : '';
  if (p256dh === '') addError(details, 'key_p256dh', fieldError.blank());
  else if (decodedLength(p256dh) !== 65 || Buffer.from(p256dh, 'base64url')[0] !== 4) {
    addError(details, 'key_p256dh', fieldError.invalid());
  }
  const auth = typeof input.keys?.auth === 'string' ? input.keys.auth : '';
  if (auth === '') addError(details, 'key_auth', fieldError.blank());
  else if (decodedLength(auth) !== 16) addError(details, 'key_auth', fieldError.invalid());
  if (Object.keys(details).length > 0) throw recordInvalid(details);
  return { endpoint, p256dh, auth, standard: isTrue(input.standard) };
}

function endpointAllowed(endpoint: string, production: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return !production && url.protocol === 'http:' && loopback.has(url.hostname);
}

/** Rails' boolean casting of a form value: "true", "1", "on" and true are true. */
const isTrue = (value: unknown): boolean =>
  value === true ||
  value === 1 ||
  (typeof value === 'string' && ['true', '1', 'on', 't'].includes(value.toLowerCase()));

/**
 * `data[alerts][...]` and `data[policy]`, replacing what was there (Mastodon's update sets
 * `data` whole). Only the alerts given are kept, cast to booleans, as Mastodon shows them;
 * unknown types are dropped as Rails' strong parameters drop them. No policy means `all`.
 */
export function checkPushData(data: unknown): PushData {
  const d = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const given =
    typeof d.alerts === 'object' && d.alerts !== null ? (d.alerts as Record<string, unknown>) : {};
  const alerts: Record<string, boolean> = {};
  for (const type of notificationTypes) {
    if (type in given) alerts[type] = isTrue(given[type]);
  }
  if (d.policy === undefined || d.policy === null || d.policy === '')
    return { alerts, policy: 'all' };
  if (typeof d.policy !== 'string' || !(pushPolicies as readonly string[]).includes(d.policy)) {
    const details: FieldErrors = {};
    addError(details, 'policy', fieldError.inclusion());
    throw recordInvalid(details);
  }
  return { alerts, policy: d.policy as PushPolicy };
}

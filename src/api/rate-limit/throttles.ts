/**
 * Mastodon's throttles (config/initializers/rack_attack.rb), each a limit per fixed window
 * and a rule naming whom a request counts against (null: the throttle does not apply):
 *
 * | throttle | limit | counted per |
 * |---|---|---|
 * | API, signed in | 1,500 / 5 min | account |
 * | API, per token | 300 / 5 min | access token |
 * | API, signed out | 300 / 5 min | client IP (IPv6 by /64) |
 * | media uploads, POST /api/v1/media, /api/v2/media | 30 / 30 min | account |
 * | deletes, DELETE /api/v1/statuses/:id, POST .../unreblog | 30 / 30 min | account |
 * | API sign-up, POST /api/v1/accounts | 5 / 30 min | client IP |
 * | web sign-up, POST /auth | 25 / 5 min | client IP |
 * | web sign-in, POST /auth/sign_in | 25 / 5 min | client IP |
 * | password grant, POST /oauth/token | 25 / 5 min | client IP |
 *
 * Mastodon has no throttle of its own on the password grant (its API sign-in is the web form);
 * Woolly gives it the sign-in form's, since it is the same password guessing.
 */
import { ipv6Prefix } from './addresses.ts';

/** What the throttles look at; `grantType` reads the body, so only when asked. */
export interface ThrottleRequest {
  method: string;
  path: string;
  ip: string | null;
  tokenId: string | null;
  accountId: string | null;
  grantType(): Promise<string | null>;
}

export interface Throttle {
  name: string;
  limit: number;
  periodSeconds: number;
  discriminator(req: ThrottleRequest): string | null | Promise<string | null>;
}

const minutes = 60;

/** Paths the API throttles count: `/api...`, except the streaming API (its own server in Mastodon). */
export function isApiRequest(path: string): boolean {
  return path.startsWith('/api') && !/^\/api\/v1\/streaming(\/|$)/.test(path);
}

/** The client IP as Mastodon throttles it: an IPv6 client by its /64, which one host holds. */
export function throttleableIp(ip: string | null): string | null {
  if (ip === null) return null;
  return ip.includes(':') ? ipv6Prefix(ip, 64) : ip;
}

const mediaPath = /^\/api\/v\d+\/media\/?$/i;
const deleteStatusPath = /^\/api\/v1\/statuses\/\d+\/?$/i;
const unreblogPath = /^\/api\/v1\/statuses\/\d+\/unreblog\/?$/i;
const isPost = (req: ThrottleRequest) => req.method === 'POST';
const pathIs = (req: ThrottleRequest, path: string) => req.path === path || req.path === `${path}/`;

export const mastodonThrottles: readonly Throttle[] = [
  {
    name: 'throttle_authenticated_api',
    limit: 1500,
    periodSeconds: 5 * minutes,
    discriminator: (req) => (isApiRequest(req.path) ? req.accountId : null),
  },
  {
    name: 'throttle_per_token_api',
    limit: 300,
    periodSeconds: 5 * minutes,
    discriminator: (req) => (isApiRequest(req.path) ? req.tokenId : null),
  },
  {
    name: 'throttle_unauthenticated_api',
    limit: 300,
    periodSeconds: 5 * minutes,
    discriminator: (req) =>
      isApiRequest(req.path) && req.accountId === null ? throttleableIp(req.ip) : null,
  },
  {
    name: 'throttle_api_media',
    limit: 30,
    periodSeconds: 30 * minutes,
    discriminator: (req) => (isPost(req) && mediaPath.test(req.path) ? req.accountId : null),
  },
  {
    name: 'throttle_api_delete',
    limit: 30,
    periodSeconds: 30 * minutes,
    discriminator: (req) =>
      (req.method === 'DELETE' && deleteStatusPath.test(req.path)) ||
      (isPost(req) && unreblogPath.test(req.path))
        ? req.accountId
        : null,
  },
  {
    name: 'throttle_api_sign_up',
    limit: 5,
    periodSeconds: 30 * minutes,
    discriminator: (req) =>
      isPost(req) && pathIs(req, '/api/v1/accounts') ? throttleableIp(req.ip) : null,
  },
  {
    name: 'throttle_sign_up_attempts/ip',
    limit: 25,
    periodSeconds: 5 * minutes,
    discriminator: (req) => (isPost(req) && pathIs(req, '/auth') ? throttleableIp(req.ip) : null),
  },
  {
    name: 'throttle_login_attempts/ip',
    limit: 25,
    periodSeconds: 5 * minutes,
    discriminator: (req) =>
      isPost(req) && pathIs(req, '/auth/sign_in') ? throttleableIp(req.ip) : null,
  },
  {
    name: 'throttle_password_grant/ip',
    limit: 25,
    periodSeconds: 5 * minutes,
    discriminator: async (req) =>
      isPost(req) && pathIs(req, '/oauth/token') && (await req.grantType()) === 'password'
        ? throttleableIp(req.ip)
        : null,
  },
];

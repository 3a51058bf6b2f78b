/**
 * The client's address. Behind a reverse proxy listed in TRUSTED_PROXY_IP (and always behind
 * loopback), the right-most address in X-Forwarded-For that is not itself a trusted proxy.
 */
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './mastodon/env.ts';

function isLoopback(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

export function clientIp(trusted: readonly string[]): MiddlewareHandler<AppEnv> {
  const trust = (ip: string) => isLoopback(ip) || trusted.includes(ip.replace(/^::ffff:/, ''));
  return async (c, next) => {
    let remote: string | null = null;
    try {
      remote = getConnInfo(c).remote.address ?? null;
    } catch {
      remote = null; // in-process requests (tests) have no socket
    }
    let ip = remote;
    if (ip === null || trust(ip)) {
      const forwarded = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      while (forwarded.length) {
        const candidate = forwarded.pop()!;
        ip = candidate;
        if (!trust(candidate)) break;
      }
    }
    c.set('clientIp', ip ? ip.replace(/^::ffff:/, '') : null);
    await next();
  };
}

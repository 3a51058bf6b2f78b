/**
 * Throttles requests as Mastodon's Rack::Attack does: each throttle that applies counts the
 * request in its current fixed window (every request counts, refused ones too); past a
 * limit the answer is a 429 `{"error":"Too many requests"}`. Responses to requests a throttle
 * counted carry `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (the end
 * of the window, ISO 8601 with microseconds as Rails writes it) of the throttle closest to
 * its limit. Requests from 127.0.0.1 and ::1 are never throttled (Mastodon's safelist).
 *
 * Windows follow the app clock, so tests move a ManualClock instead of waiting. A counter
 * store that fails (Redis down) lets requests through: an outage of the counters must not
 * take the API down with it.
 *
 * @example app.use(rateLimits({ store: new MemoryCounterStore(clock), clock, log }))
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { readParams } from '../mastodon/params.ts';
import type { CounterStore } from './stores.ts';
import { mastodonThrottles, type Throttle, type ThrottleRequest } from './throttles.ts';

export interface RateLimitOptions {
  store: CounterStore;
  clock: Clock;
  log: Logger;
  throttles?: readonly Throttle[];
}

interface Count {
  throttle: Throttle;
  count: number;
  /** When the window ends, in ms since the epoch. */
  resetAt: number;
}

const safelisted = new Set(['127.0.0.1', '::1']);

/** Rails' `Time#iso8601(6)`: `2026-11-01T12:05:00.000000Z`. */
export function resetHeader(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function throttleRequest(c: Context<AppEnv>): ThrottleRequest {
  return {
    method: c.req.method,
    path: c.req.path,
    ip: c.var.clientIp,
    tokenId: c.var.auth?.token.id ?? null,
    accountId: c.var.auth?.account?.id ?? null,
    async grantType() {
      try {
        const value = (await readParams(c))['grant_type'];
        return typeof value === 'string' ? value.trim() : null;
      } catch {
        return null; // a malformed body: the route answers it
      }
    },
  };
}

function setHeaders(headers: Headers, { throttle, count, resetAt }: Count): void {
  headers.set('X-RateLimit-Limit', String(throttle.limit));
  headers.set('X-RateLimit-Remaining', String(Math.max(0, throttle.limit - count)));
  headers.set('X-RateLimit-Reset', resetHeader(resetAt));
}

export function rateLimits(options: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const throttles = options.throttles ?? mastodonThrottles;
  let warnedAt = -Infinity;
  return async (c, next) => {
    if (c.var.clientIp !== null && safelisted.has(c.var.clientIp)) return next();
    const req = throttleRequest(c);
    const now = options.clock.now();
    let counts: Count[];
    try {
      const applying = await Promise.all(
        throttles.map(async (throttle) => ({ throttle, who: await throttle.discriminator(req) })),
      );
      counts = await Promise.all(
        applying
          .filter((a): a is { throttle: Throttle; who: string } => a.who !== null)
          .map(async ({ throttle, who }) => {
            const periodMs = throttle.periodSeconds * 1000;
            const window = Math.floor(now / periodMs);
            const resetAt = (window + 1) * periodMs;
            const key = `${throttle.name}:${window}:${who}`;
            return { throttle, count: await options.store.hit(key, resetAt - now), resetAt };
          }),
      );
    } catch (error) {
      // At most one warning a minute while the store is failing.
      if (now - warnedAt > 60_000) {
        warnedAt = now;
        options.log.warn('rate limits: the counters are unavailable, not throttling', { error });
      }
      return next();
    }
    if (counts.length === 0) return next();
    const exceeded = counts.find((entry) => entry.count > entry.throttle.limit);
    if (exceeded) {
      const res = c.json({ error: 'Too many requests' }, 429);
      setHeaders(res.headers, exceeded);
      return res;
    }
    await next();
    const closest = counts.reduce((a, b) =>
      b.throttle.limit - b.count < a.throttle.limit - a.count ? b : a,
    );
    setHeaders(c.res.headers, closest);
  };
}

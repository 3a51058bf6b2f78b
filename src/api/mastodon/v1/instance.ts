/**
 * `GET /api/v1/instance` (the older instance entity, with counts) and
 * `GET /api/v1/instance/rules`. Public: Mastodon reads no token here, so a stale one is no
 * reason to refuse. Cached for three minutes, as Mastodon lets proxies do.
 */
import { Hono } from 'hono';
import { describeInstance } from '../../../domain/instance/describe.ts';
import { listRules } from '../../../domain/instance/rules.ts';
import type { AppEnv } from '../env.ts';
import { serializeRule } from '../serializers/rule.ts';
import { serializeV1Instance } from '../serializers/v1-instance.ts';

export const instanceCacheControl = 'max-age=180, public';

export function instanceV1Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/api/v1/instance', async (c) => {
      const deps = c.var.deps;
      c.header('Cache-Control', instanceCacheControl);
      return c.json(serializeV1Instance(await describeInstance(deps), deps.config));
    })
    .get('/api/v1/instance/rules', async (c) => {
      c.header('Cache-Control', instanceCacheControl);
      return c.json((await listRules(c.var.deps.db)).map(serializeRule));
    });
}

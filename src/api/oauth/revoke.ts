/** `POST /oauth/revoke`: RFC 7009 token revocation (domain/oauth/revoke.ts); answers `{}`. */
import { Hono } from 'hono';
import { revokeToken } from '../../domain/oauth/revoke.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { readParams } from '../mastodon/params.ts';
import { clientCredentials } from './client-credentials.ts';

export function revokeRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().post('/oauth/revoke', async (c) => {
    const params = await readParams(c);
    await revokeToken(c.var.deps, {
      client: clientCredentials(c.req.header('authorization'), params),
      token: typeof params.token === 'string' ? params.token : undefined,
      hint: typeof params.token_type_hint === 'string' ? params.token_type_hint : undefined,
    });
    return c.json({});
  });
}

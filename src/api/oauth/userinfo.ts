/**
 * `GET|POST /oauth/userinfo` (OpenID Connect's UserInfo, as Mastodon 4.3 answers it): who the
 * token's user is, for apps that only sign people in. It needs exactly the `profile` scope,
 * which Mastodon added so that such apps need not ask for `read`.
 */
import { Hono, type Context } from 'hono';
import { loadAccountView } from '../../domain/accounts/account-views.ts';
import type { AppEnv } from '../mastodon/env.ts';
import { currentUser, requireScopes, requireUser } from '../mastodon/middleware/auth.ts';
import { serializeAccount } from '../mastodon/serializers/account.ts';

async function userinfo(c: Context<AppEnv>) {
  const { account } = currentUser(c.var.auth);
  const base = c.var.deps.config.baseUrl;
  const json = serializeAccount(await loadAccountView(c.var.deps, account), base);
  return c.json({
    iss: `${base}/`,
    sub: account.uri,
    name: account.displayName,
    preferred_username: account.username,
    profile: json.url,
    picture: json.avatar,
  });
}

export function userinfoRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get('/oauth/userinfo', requireScopes('profile'), requireUser(), userinfo)
    .post('/oauth/userinfo', requireScopes('profile'), requireUser(), userinfo);
}

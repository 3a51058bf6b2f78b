/**
 * `grant_type=password`: an app trades a user's e-mail address (sent as `username`, as in
 * Mastodon) and password for a token. Wrong credentials are Doorkeeper's `invalid_grant`,
 * whichever of the two was wrong. A disabled or unconfirmed user still gets a token, as in
 * Mastodon; the API then answers 403 with the reason (middleware/auth.ts).
 */
import type { Deps } from '../context.ts';
import { checkCredentials } from '../sessions/credentials.ts';
import { requireClient, type ClientCredentials } from './applications.ts';
import { oauthError } from './errors.ts';
import { requestedScopes, scopesRegistered } from './scopes.ts';
import { issueAccessToken, type IssuedToken } from './tokens.ts';

export interface PasswordExchange {
  client: ClientCredentials | null;
  username?: string;
  password?: string;
  scope?: string;
}

export async function exchangePassword(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: PasswordExchange,
): Promise<IssuedToken> {
  const application = await requireClient(deps, request.client);
  const user = await checkCredentials(deps, request.username ?? '', request.password ?? '');
  if (!user) throw oauthError('invalid_grant');
  const scopes = requestedScopes(request.scope, application.scopes);
  if (!scopesRegistered(scopes, application.scopes)) throw oauthError('invalid_scope');
  return issueAccessToken(deps, {
    applicationId: application.id,
    accountId: user.accountId,
    scopes,
    withRefreshToken: true,
  });
}

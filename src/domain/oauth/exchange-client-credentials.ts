/**
 * `grant_type=client_credentials`: an app-level token with no user behind it, for the public
 * parts of the API and `GET /api/v1/apps/verify_credentials`. No refresh token: the app can
 * always ask again.
 */
import type { Deps } from '../context.ts';
import { requireClient, type ClientCredentials } from './applications.ts';
import { oauthError } from './errors.ts';
import { requestedScopes, scopesRegistered } from './scopes.ts';
import { issueAccessToken, type IssuedToken } from './tokens.ts';

export async function exchangeClientCredentials(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: { client: ClientCredentials | null; scope?: string },
): Promise<IssuedToken> {
  const application = await requireClient(deps, request.client);
  const scopes = requestedScopes(request.scope, application.scopes);
  if (!scopesRegistered(scopes, application.scopes)) throw oauthError('invalid_scope');
  return issueAccessToken(deps, { applicationId: application.id, accountId: null, scopes });
}

/**
 * `grant_type=refresh_token`: a refresh token becomes a new access token and a new refresh
 * token, and the old pair is revoked (rotation), so a stolen refresh token works at most until
 * its owner next refreshes. The new token may narrow the scopes, never widen them.
 */
import { hashToken } from '../../core/tokens.ts';
import {
  findAccessTokenByRefreshHash,
  revokeAccessToken,
} from '../../db/repositories/oauth-tokens.ts';
import type { Deps } from '../context.ts';
import { requireClient, type ClientCredentials } from './applications.ts';
import { missingParameter, oauthError } from './errors.ts';
import { issueAccessToken, type IssuedToken } from './tokens.ts';

export interface RefreshExchange {
  client: ClientCredentials | null;
  refreshToken?: string;
  scope?: string;
}

export async function exchangeRefreshToken(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: RefreshExchange,
): Promise<IssuedToken> {
  const presented = request.refreshToken?.trim() ?? '';
  if (presented === '') throw missingParameter('refresh_token');
  const previous = await findAccessTokenByRefreshHash(deps.db, hashToken(presented));
  if (!previous || previous.revokedAt !== null) throw oauthError('invalid_grant');
  // Doorkeeper: wrong credentials are invalid_client; none at all cannot match the token.
  const application = request.client ? await requireClient(deps, request.client) : null;
  if (!application || application.id !== previous.applicationId) throw oauthError('invalid_grant');
  const asked = (request.scope ?? '').split(/[\s+]+/).filter(Boolean);
  const scopes = asked.length ? [...new Set(asked)] : previous.scopes;
  if (!scopes.every((scope) => previous.scopes.includes(scope))) throw oauthError('invalid_scope');

  const now = deps.clock.now();
  const raced = new Error('raced');
  try {
    return await deps.db.transaction(async (tx) => {
      if (!(await revokeAccessToken(tx, previous.id, now))) throw raced;
      return issueAccessToken(
        deps,
        {
          applicationId: previous.applicationId,
          accountId: previous.accountId,
          scopes,
          grantId: previous.grantId,
          withRefreshToken: true,
        },
        tx,
      );
    });
  } catch (error) {
    if (error === raced) throw oauthError('invalid_grant');
    throw error;
  }
}

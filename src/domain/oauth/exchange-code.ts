/**
 * `grant_type=authorization_code`: a code from the consent page becomes a token (and a refresh
 * token). Checks in Doorkeeper's order, each failure Doorkeeper's error. A code works once: a
 * second exchange fails and revokes every token the first one produced (RFC 6749 §4.1.2), as
 * the code has evidently leaked. A failed check writes nothing.
 */
import { hashToken } from '../../core/tokens.ts';
import { claimGrant, findGrantByCodeHash } from '../../db/repositories/oauth-grants.ts';
import { revokeAccessTokensOfGrant } from '../../db/repositories/oauth-tokens.ts';
import type { Deps } from '../context.ts';
import { requireClient, type ClientCredentials } from './applications.ts';
import { missingParameter, oauthError } from './errors.ts';
import { verifierMatches } from './pkce.ts';
import { redirectUriAllowed } from './redirect-uris.ts';
import { issueAccessToken, type IssuedToken } from './tokens.ts';

export interface CodeExchange {
  client: ClientCredentials | null;
  code?: string;
  redirectUri?: string;
  codeVerifier?: string;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

export async function exchangeAuthorizationCode(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: CodeExchange,
): Promise<IssuedToken> {
  const grant = blank(request.code)
    ? null
    : await findGrantByCodeHash(deps.db, hashToken(request.code!));
  if (grant?.codeChallenge && blank(request.codeVerifier)) throw missingParameter('code_verifier');
  if (blank(request.redirectUri)) throw missingParameter('redirect_uri');
  const application = await requireClient(deps, request.client);
  if (!grant || grant.applicationId !== application.id) throw oauthError('invalid_grant');
  const now = deps.clock.now();
  if (grant.usedAt !== null) {
    await revokeAccessTokensOfGrant(deps.db, grant.id, now);
    throw oauthError('invalid_grant');
  }
  if (grant.expiresAt <= now) throw oauthError('invalid_grant');
  if (!redirectUriAllowed(request.redirectUri!, [grant.redirectUri])) {
    throw oauthError('invalid_grant');
  }
  if (grant.codeChallenge !== null || !blank(request.codeVerifier)) {
    const verified =
      grant.codeChallenge !== null &&
      verifierMatches(grant.codeChallenge, grant.codeChallengeMethod, request.codeVerifier!);
    if (!verified) throw oauthError('invalid_grant');
  }

  const replayed = new Error('replayed');
  try {
    return await deps.db.transaction(async (tx) => {
      if (!(await claimGrant(tx, grant.id, now))) throw replayed;
      return issueAccessToken(
        deps,
        {
          applicationId: application.id,
          accountId: grant.accountId,
          scopes: grant.scopes,
          grantId: grant.id,
          withRefreshToken: true,
        },
        tx,
      );
    });
  } catch (error) {
    if (error !== replayed) throw error;
    // Another exchange of the same code won the race a moment ago.
    await revokeAccessTokensOfGrant(deps.db, grant.id, now);
    throw oauthError('invalid_grant');
  }
}

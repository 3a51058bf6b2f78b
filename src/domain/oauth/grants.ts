/**
 * Authorization codes: what the consent page hands to the app after the user says yes. A code
 * lives ten minutes (Doorkeeper's default), is stored as a hash, and is good for one exchange
 * (exchange-code.ts).
 */
import { hashToken, newToken } from '../../core/tokens.ts';
import { insertGrant } from '../../db/repositories/oauth-grants.ts';
import type { Deps } from '../context.ts';
import type { AuthorizationRequest } from './authorization-request.ts';

export const authorizationCodeLifetimeMs = 10 * 60 * 1000;

/** Issues a code for `accountId` to the app of a checked request; returns the code. */
export async function issueAuthorizationCode(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  request: AuthorizationRequest,
  accountId: string,
): Promise<string> {
  const code = newToken();
  const now = deps.clock.now();
  await insertGrant(deps.db, {
    id: deps.ids.next(),
    codeHash: hashToken(code),
    applicationId: request.application.id,
    accountId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    expiresAt: now + authorizationCodeLifetimeMs,
    usedAt: null,
    createdAt: now,
  });
  return code;
}

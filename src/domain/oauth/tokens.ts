/** Access tokens: issued by the OAuth flows and by sign-up; only their hashes are stored. */
import { hashToken, newToken } from '../../core/tokens.ts';
import { insertAccessToken, type AccessTokenRecord } from '../../db/repositories/oauth-tokens.ts';
import type { Queryable } from '../../db/database.ts';
import type { Deps } from '../context.ts';

export interface IssuedToken {
  record: AccessTokenRecord;
  accessToken: string;
  refreshToken: string | null;
}

/**
 * Issues a token for `accountId` (null: an app-only token). Pass `tx` to issue it inside a
 * larger transaction.
 */
export async function issueAccessToken(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  input: {
    applicationId: string;
    accountId: string | null;
    scopes: string[];
    grantId?: string | null;
    withRefreshToken?: boolean;
  },
  tx: Queryable = deps.db,
): Promise<IssuedToken> {
  const accessToken = newToken();
  const refreshToken = input.withRefreshToken ? newToken() : null;
  const record: AccessTokenRecord = {
    id: deps.ids.next(),
    applicationId: input.applicationId,
    accountId: input.accountId,
    grantId: input.grantId ?? null,
    scopes: input.scopes,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    createdAt: deps.clock.now(),
  };
  await insertAccessToken(tx, {
    ...record,
    tokenHash: hashToken(accessToken),
    refreshTokenHash: refreshToken ? hashToken(refreshToken) : null,
  });
  return { record, accessToken, refreshToken };
}

/** Access tokens: issued by the OAuth flows and by sign-up; only their hashes are stored. */
import { hashToken, newToken } from '../../core/tokens.ts';
import {
  findLiveAccessTokens,
  insertAccessToken,
  type AccessTokenRecord,
} from '../../db/repositories/oauth-tokens.ts';
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
    /** Mastodon's tokens never expire; a lifetime here makes one that does. */
    lifetimeMs?: number | null;
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
    expiresAt: input.lifetimeMs ? deps.clock.now() + input.lifetimeMs : null,
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

/**
 * True when the account already holds a live token of this app for exactly these scopes: the
 * consent page is then skipped, as Doorkeeper does (unless the app asks for `force_login`).
 */
export async function hasMatchingToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  applicationId: string,
  accountId: string,
  scopes: readonly string[],
): Promise<boolean> {
  const wanted = [...new Set(scopes)].sort().join(' ');
  const now = deps.clock.now();
  const tokens = await findLiveAccessTokens(deps.db, applicationId, accountId);
  return tokens.some(
    (token) =>
      (token.expiresAt === null || token.expiresAt > now) &&
      [...new Set(token.scopes)].sort().join(' ') === wanted,
  );
}

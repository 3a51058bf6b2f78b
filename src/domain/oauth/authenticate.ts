/** Turns a bearer token into who is calling: the token, and its account and user if any. */
import { hashToken } from '../../core/tokens.ts';
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  findAccessTokenByHash,
  touchAccessToken,
  type AccessTokenRecord,
} from '../../db/repositories/oauth-tokens.ts';
import { findUserByAccountId, type UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';

export interface Auth {
  token: AccessTokenRecord;
  /** null for app-only tokens (client_credentials). */
  account: AccountRecord | null;
  user: UserRecord | null;
}

/** Why a presented token is refused; Doorkeeper tells the three apart in its 401. */
export type TokenProblem = 'unknown' | 'revoked' | 'expired';

/** Doorkeeper's words for each, which Mastodon sends as `{"error": ...}` with the 401. */
export const tokenProblemMessages: Record<TokenProblem, string> = {
  unknown: 'The access token is invalid',
  revoked: 'The access token was revoked',
  expired: 'The access token expired',
};

/** The caller behind `token`, or why there is none. */
export async function inspectToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
  ip: string | null = null,
): Promise<{ auth: Auth; problem: null } | { auth: null; problem: TokenProblem }> {
  const record = await findAccessTokenByHash(deps.db, hashToken(token));
  const now = deps.clock.now();
  if (!record) return { auth: null, problem: 'unknown' };
  if (record.revokedAt !== null) return { auth: null, problem: 'revoked' };
  if (record.expiresAt !== null && record.expiresAt <= now) {
    return { auth: null, problem: 'expired' };
  }
  let account: AccountRecord | null = null;
  let user: UserRecord | null = null;
  if (record.accountId) {
    [account, user] = await Promise.all([
      findAccountById(deps.db, record.accountId),
      findUserByAccountId(deps.db, record.accountId),
    ]);
    if (!account || !user) return { auth: null, problem: 'unknown' };
  }
  await touchAccessToken(deps.db, record.id, now, ip);
  return { auth: { token: record, account, user }, problem: null };
}

/** The caller behind `token`, or null when the token is unknown, revoked or expired. */
export async function authenticateToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
  ip: string | null = null,
): Promise<Auth | null> {
  return (await inspectToken(deps, token, ip)).auth;
}

/**
 * Why a signed-in user may not use the API, in Mastodon's words, or null if they may.
 * (Mastodon's `require_user!`.)
 */
export function userAccessProblem(auth: Auth): string | null {
  const { user, account } = auth;
  if (!user || !account) return 'This method requires an authenticated user';
  // Mastodon's order: confirmed, then approved, then functional.
  if (user.confirmedAt === null) return 'Your login is missing a confirmed e-mail address';
  if (!user.approved) return 'Your login is currently pending approval';
  if (user.disabled || account.suspendedAt !== null) return 'Your login is currently disabled';
  return null;
}

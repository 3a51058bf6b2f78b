/**
 * Daily removal of sign-ins that can never be used again, as Mastodon's
 * `Vacuum::AccessTokensVacuum` does: revoked or expired tokens, expired authorization codes
 * and expired browser sessions. Codes are kept a day past expiry so that a late replay of a
 * used code still revokes what it produced (exchange-code.ts).
 */
import { deleteExpiredGrants } from '../../db/repositories/oauth-grants.ts';
import { deleteDeadAccessTokens } from '../../db/repositories/oauth-tokens.ts';
import { deleteExpiredWebSessions } from '../../db/repositories/web-sessions.ts';
import type { Deps } from '../context.ts';

export const vacuumJob = 'oauth.vacuum';
const day = 24 * 60 * 60 * 1000;

export async function vacuumSignIns(
  deps: Pick<Deps, 'db' | 'clock'>,
): Promise<{ tokens: number; grants: number; sessions: number }> {
  const now = deps.clock.now();
  return {
    tokens: await deleteDeadAccessTokens(deps.db, now),
    grants: await deleteExpiredGrants(deps.db, now - day),
    sessions: await deleteExpiredWebSessions(deps.db, now),
  };
}

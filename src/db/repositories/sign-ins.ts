/**
 * Ending every way an account is signed in: its OAuth tokens, its unused authorization codes
 * and its browser sessions. Used after a password change, as Mastodon's `revoke_access!`.
 */
import type { Queryable } from '../database.ts';

export async function revokeAccessTokensOfAccount(
  db: Queryable,
  accountId: string,
  now: number,
): Promise<number> {
  const result = await db.run(
    'UPDATE oauth_access_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL',
    [now, accountId],
  );
  return result.changes;
}

/** Authorization codes not yet exchanged; a used code is already bound to a token above. */
export async function deleteUnusedGrantsOfAccount(db: Queryable, accountId: string): Promise<void> {
  await db.run('DELETE FROM oauth_access_grants WHERE account_id = ? AND used_at IS NULL', [
    accountId,
  ]);
}

export async function deleteWebSessionsOfAccount(db: Queryable, accountId: string): Promise<void> {
  await db.run('DELETE FROM web_sessions WHERE account_id = ?', [accountId]);
}

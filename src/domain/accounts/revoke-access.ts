/**
 * Signs an account out everywhere: every OAuth token is revoked, pending authorization codes
 * and browser sessions are dropped. A new password must lock out whoever knew the old one,
 * so password reset and `woolly accounts modify --reset-password` both end with this.
 */
import type { Queryable } from '../../db/database.ts';
import {
  deleteUnusedGrantsOfAccount,
  deleteWebSessionsOfAccount,
  revokeAccessTokensOfAccount,
} from '../../db/repositories/sign-ins.ts';

/** Call inside the transaction that changes the password. */
export async function revokeAccess(tx: Queryable, accountId: string, now: number): Promise<void> {
  await revokeAccessTokensOfAccount(tx, accountId, now);
  await deleteUnusedGrantsOfAccount(tx, accountId);
  await deleteWebSessionsOfAccount(tx, accountId);
}

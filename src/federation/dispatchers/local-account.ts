/**
 * The local account a federation URL names. An account others cannot see yet (unconfirmed,
 * awaiting approval) or that is suspended does not exist for other servers either.
 */
import { AppError } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { lookupAccount } from '../../domain/accounts/find-account.ts';
import type { Deps } from '../../domain/context.ts';

export async function findPublishedAccount(
  deps: Deps,
  username: string,
): Promise<AccountRecord | null> {
  if (username.includes('@')) return null;
  try {
    const view = await lookupAccount(deps, username);
    if (view.account.domain !== null || view.account.suspendedAt !== null) return null;
    return view.account;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

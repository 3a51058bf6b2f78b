/** A local account together with its user: what the admin tools (the CLI) act on. */
import { findAccountByUsername, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findUserByAccountId, type UserRecord } from '../../db/repositories/users.ts';
import type { Deps } from '../context.ts';

export interface LocalUser {
  account: AccountRecord;
  user: UserRecord;
}

/** The local account called `username` (any case, an optional leading `@`), or null. */
export async function findLocalUser(
  deps: Pick<Deps, 'db'>,
  username: string,
): Promise<LocalUser | null> {
  const account = await findAccountByUsername(deps.db, username.replace(/^@/, ''), null);
  const user = account ? await findUserByAccountId(deps.db, account.id) : null;
  return account && user ? { account, user } : null;
}

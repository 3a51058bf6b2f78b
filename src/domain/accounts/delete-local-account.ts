/**
 * DeleteLocalAccount: removes a local account and everything that hangs off it (the foreign
 * keys cascade: user, tokens, sessions, posts, follows), then emits `account.deleted` with the
 * name it had, for the caches. Before, `account.deleting` lets federation announce the
 * deletion while the account and its key still exist.
 */
import { deleteAccountRow } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import type { LocalUser } from './local-user.ts';

export async function deleteLocalAccount(
  deps: Pick<Deps, 'db' | 'events'>,
  { account }: Pick<LocalUser, 'account'>,
): Promise<void> {
  await deps.events.emit('account.deleting', { accountId: account.id });
  await deps.db.transaction((tx) => deleteAccountRow(tx, account.id));
  await deps.events.emit('account.deleted', {
    accountId: account.id,
    username: account.username,
    domain: null,
  });
}

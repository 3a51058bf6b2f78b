/**
 * Accounts as the lists of the API show them: the Account entity of each, loaded for the whole
 * list at once, in the order given.
 */
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import { loadAccountViews } from '../../domain/accounts/account-views.ts';
import type { Deps } from '../../domain/context.ts';
import { serializeAccount, type AccountJson } from './serializers/account.ts';

export async function accountsJson(
  deps: Pick<Deps, 'db' | 'config'>,
  accounts: readonly AccountRecord[],
): Promise<AccountJson[]> {
  const views = await loadAccountViews(deps, accounts);
  return views.map((view) => serializeAccount(view, deps.config.baseUrl));
}

/** The accounts with these ids, in this order; ids of accounts that are gone are skipped. */
export async function accountsJsonByIds(
  deps: Pick<Deps, 'db' | 'config'>,
  ids: readonly string[],
): Promise<AccountJson[]> {
  const byId = new Map((await findAccountsByIds(deps.db, [...new Set(ids)])).map((a) => [a.id, a]));
  return accountsJson(
    deps,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/**
 * Account aliases (Mastodon's settings page "Moving from a different account"): a local
 * account names the accounts it was, so that they may move to it. Each alias is the other
 * account's ActivityPub id, published as `alsoKnownAs`; at most 10, as Mastodon keeps.
 */
import { unprocessable } from '../../core/errors.ts';
import { updateAccount, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';

export const maxAliases = 10;

export async function addAlias(
  deps: Deps,
  account: AccountRecord,
  other: AccountRecord,
): Promise<AccountRecord> {
  if (account.domain !== null) throw unprocessable('Only local accounts have aliases here');
  if (other.id === account.id) {
    throw unprocessable('Validation failed: Acct cannot be the account itself');
  }
  if (account.alsoKnownAs.includes(other.uri)) return account;
  if (account.alsoKnownAs.length >= maxAliases) {
    throw unprocessable(`Validation failed: An account has at most ${maxAliases} aliases`);
  }
  const alsoKnownAs = [...account.alsoKnownAs, other.uri];
  await transactionWithEvents(deps, async (tx, emit) => {
    await updateAccount(tx, account.id, { alsoKnownAs, updatedAt: deps.clock.now() });
    await emit('account.updated', { accountId: account.id });
  });
  return { ...account, alsoKnownAs };
}

export async function removeAlias(
  deps: Deps,
  account: AccountRecord,
  other: AccountRecord,
): Promise<AccountRecord> {
  if (!account.alsoKnownAs.includes(other.uri)) return account;
  const alsoKnownAs = account.alsoKnownAs.filter((uri) => uri !== other.uri);
  await transactionWithEvents(deps, async (tx, emit) => {
    await updateAccount(tx, account.id, { alsoKnownAs, updatedAt: deps.clock.now() });
    await emit('account.updated', { accountId: account.id });
  });
  return { ...account, alsoKnownAs };
}

/**
 * Refreshing remote accounts: the actor document is fetched again (signed by the instance
 * actor) and Woolly's copy updated through UpsertRemoteAccount, as when it was first
 * resolved. Mastodon refreshes an account it sees once its copy is a day old; so does
 * Woolly (refresh-jobs.ts), and `woolly accounts refresh` does it on demand.
 */
import type { Federation } from '@fedify/fedify';
import { isActor } from '@fedify/vocab';
import {
  accountFromRow,
  findAccountById,
  type AccountRecord,
} from '../db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../domain/context.ts';
import { isDomainSuspended } from '../domain/domain-blocks/rules.ts';
import { queueFeaturedTagsRead } from './backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from './convert/actor.ts';
import { instanceActorIdentifier } from './dispatchers/instance-actor.ts';
import type { RefreshOutcome, RefreshProgress, RefreshSelection } from './refresh-types.ts';

export async function refreshRemoteAccount(
  federation: Federation<Deps>,
  deps: Deps,
  accountId: string,
): Promise<RefreshOutcome> {
  const account = await findAccountById(deps.db, accountId);
  if (!account || account.domain === null) return 'skipped';
  if (await isDomainSuspended(deps, account.domain)) return 'skipped';
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const actor = await ctx.lookupObject(account.uri, { documentLoader }).catch((error: unknown) => {
    deps.log.info('could not refresh a remote account', { uri: account.uri, error });
    return null;
  });
  if (!isActor(actor) || actor.id?.href !== account.uri) return 'unreachable';
  const input = await remoteAccountFromActor(actor);
  if (!input) return 'unreachable';
  await queueFeaturedTagsRead(deps, await upsertRemoteAccount(deps, input), actor);
  return 'refreshed';
}

/** The remote accounts a selection names, in id order. */
export async function selectRemoteAccounts(
  deps: Deps,
  selection: RefreshSelection,
): Promise<AccountRecord[]> {
  if ('acct' in selection) {
    const [username = '', domain = ''] = selection.acct.replace(/^@/, '').split('@', 2);
    const rows = await deps.db.all(
      'SELECT * FROM accounts WHERE LOWER(username) = LOWER(?) AND LOWER(domain) = LOWER(?)',
      [username, domain],
    );
    return rows.map(accountFromRow);
  }
  const rows =
    'domain' in selection
      ? await deps.db.all('SELECT * FROM accounts WHERE LOWER(domain) = LOWER(?) ORDER BY id', [
          selection.domain,
        ])
      : await deps.db.all('SELECT * FROM accounts WHERE domain IS NOT NULL ORDER BY id');
  return rows.map(accountFromRow);
}

/**
 * Refreshes every account of the selection one after the other, telling `progress` about
 * each; returns the counts.
 */
export async function refreshRemoteAccounts(
  federation: Federation<Deps>,
  deps: Deps,
  selection: RefreshSelection,
  progress: RefreshProgress,
): Promise<Record<RefreshOutcome, number>> {
  const accounts = await selectRemoteAccounts(deps, selection);
  const counts: Record<RefreshOutcome, number> = { refreshed: 0, unreachable: 0, skipped: 0 };
  for (const [index, account] of accounts.entries()) {
    const outcome = await refreshRemoteAccount(federation, deps, account.id);
    counts[outcome] += 1;
    progress(index + 1, accounts.length, account, outcome);
  }
  return counts;
}

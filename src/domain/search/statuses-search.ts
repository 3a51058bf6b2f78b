/**
 * Full-text search of posts for a signed-in account (Mastodon's StatusesSearchService),
 * newest first: what the index matches among the posts the searcher may find (see
 * searchStatusIds), then Mastodon's StatusFilter: nothing the searcher may not see, and
 * nothing by accounts they block or mute or whose domain they block.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountByUsername } from '../../db/repositories/accounts.ts';
import { searchStatusIds } from '../../db/repositories/search-index.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';
import { parseSearchQuery } from './query.ts';

export interface StatusSearchOptions {
  /** Only posts of this account (`account_id`). */
  accountId: string | null;
  maxId: string | null;
  minId: string | null;
  limit: number;
  offset: number;
}

async function authorOf(
  deps: Pick<Deps, 'db' | 'config'>,
  acct: string,
): Promise<AccountRecord | null> {
  const [username = '', domain = null] = acct.split('@', 2);
  const local =
    domain === null ||
    [deps.config.localDomain, deps.config.webDomain].includes(domain.toLowerCase());
  return findAccountByUsername(deps.db, username, local ? null : domain);
}

export async function searchStatuses(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  searcher: AccountRecord,
  text: string,
  options: StatusSearchOptions,
): Promise<StatusRecord[]> {
  const query = parseSearchQuery(text);
  let authorIds: string[] | null = options.accountId === null ? null : [options.accountId];
  if (query.from !== null) {
    const author = await authorOf(deps, query.from);
    if (!author || (authorIds !== null && !authorIds.includes(author.id))) return [];
    authorIds = [author.id];
  }
  const ids = await searchStatusIds(deps.db, {
    query,
    searcherId: searcher.id,
    authorIds,
    maxId: options.maxId,
    minId: options.minId,
    limit: options.limit,
    offset: options.offset,
  });
  const byId = new Map((await findStatusesByIds(deps.db, ids)).map((s) => [s.id, s]));
  const statuses = ids.flatMap((id) => byId.get(id) ?? []);
  const access = await checkAccess(deps, searcher, statuses);
  return statuses.filter((s) => access.listable(s));
}

/**
 * Full-text search of posts for a signed-in account (Mastodon's StatusesSearchService),
 * newest first: what the index matches among the posts the searcher may find (see
 * searchStatusIds), then Mastodon's StatusFilter: nothing the searcher may not see, and
 * nothing by accounts they block or mute or whose domain they block.
 */
import { idAtTime, timeOfId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountByUsername } from '../../db/repositories/accounts.ts';
import { searchStatusIds, type StatusSearch } from '../../db/repositories/search-index.ts';
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

/**
 * The stretches of time searched before the rest: the last six hours, then the four days
 * before them. A query of several words or a phrase costs about as much over a stretch as over
 * everything (the index walks the words' lists either way), so the stretches are few.
 */
const firstStretchMs = 6 * 3_600_000;
const growth = 16;
const stretches = 3;

/**
 * The page of `search` read newest first: over the last six hours, then the four days before,
 * then everything older, each one query bounded by id, stopping as soon as the page is full.
 * A page of a common word reads the last hours' matches only, instead of sorting every post
 * that holds it. The result is exactly that of one query over all time.
 */
async function newestMatches(
  deps: Pick<Deps, 'db' | 'clock'>,
  search: StatusSearch,
): Promise<string[]> {
  const wanted = search.offset + search.limit;
  const found: string[] = [];
  const from = search.maxId === null ? deps.clock.now() : timeOfId(search.maxId);
  const floor = search.minId === null ? null : BigInt(search.minId);
  let below = search.maxId;
  let span = firstStretchMs;
  for (let round = 0; found.length < wanted; round++, span *= growth) {
    // Only ids above `above`; null reaches back to the first post.
    let above: bigint | null =
      round < stretches - 1 && from - span > 0 ? BigInt(idAtTime(from - span)) : null;
    if (floor !== null && (above === null || above <= floor)) above = floor;
    const ids = await searchStatusIds(deps.db, {
      ...search,
      maxId: below,
      minId: above === null ? null : String(above),
      limit: wanted - found.length,
      offset: 0,
    });
    found.push(...ids);
    if (above === null || above === floor) break;
    below = String(above + 1n);
  }
  return found.slice(search.offset, wanted);
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
  const ids = await newestMatches(deps, {
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

/**
 * Search across accounts, hashtags and posts (Mastodon's SearchService, GET /api/v2/search).
 * Mastodon's rules: a blank query finds nothing; posts are searched only for a signed-in
 * account and not for a lone `#hashtag`; `type` narrows to one kind; with `resolve`, a URL
 * finds the one account or post at that address and nothing else.
 *
 * With `resolve`, a full remote address (`bob@example.com`) is asked of its server through the
 * resolver port when one is given; a URL is looked up among the posts and accounts this
 * server already stores and, for a signed-in searcher when none is and a URL resolver is
 * given, fetched from its server (federation/resolve-url.ts) and looked up again.
 */
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  findAccountIdByAddress,
  findStatusIdByAddress,
} from '../../db/repositories/search-index.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';
import { searchAccounts } from './accounts-search.ts';
import { searchHashtags, type HashtagResults } from './hashtags-search.ts';
import type { AccountResolver, UrlResolver } from './resolver.ts';
import { searchStatuses } from './statuses-search.ts';

export const searchTypes = ['accounts', 'hashtags', 'statuses'] as const;
export type SearchType = (typeof searchTypes)[number];

export interface SearchRequest {
  query: string;
  type: SearchType | null;
  resolve: boolean;
  following: boolean;
  accountId: string | null;
  excludeUnreviewed: boolean;
  maxId: string | null;
  minId: string | null;
  limit: number;
  offset: number;
}

export interface SearchResults {
  accounts: AccountRecord[];
  statuses: StatusRecord[];
  hashtags: HashtagResults;
}

const nothing = (): SearchResults => ({
  accounts: [],
  statuses: [],
  hashtags: { tags: [], unused: null },
});

async function byAddress(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  searcher: AccountRecord | null,
  url: string,
  type: SearchType | null,
): Promise<SearchResults> {
  const results = nothing();
  if (type === null || type === 'statuses') {
    const id = await findStatusIdByAddress(deps.db, url);
    const status = id ? await findStatusById(deps.db, id) : null;
    if (status && (await checkAccess(deps, searcher, [status])).canSee(status)) {
      results.statuses = [status];
      return results;
    }
  }
  if (type === null || type === 'accounts') {
    const id = await findAccountIdByAddress(deps.db, url);
    const account = id ? await findAccountById(deps.db, id) : null;
    if (account && account.suspendedAt === null) results.accounts = [account];
  }
  return results;
}

export async function search(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  searcher: AccountRecord | null,
  request: SearchRequest,
  resolver: AccountResolver | null = null,
  urlResolver: UrlResolver | null = null,
): Promise<SearchResults> {
  const query = request.query.trim();
  if (query === '') return nothing();
  if (request.resolve && /^https?:\/\//i.test(query)) {
    if (request.offset > 0) return nothing();
    const found = await byAddress(deps, searcher, query, request.type);
    if (found.accounts.length > 0 || found.statuses.length > 0) return found;
    if (urlResolver === null || searcher === null) return found;
    await urlResolver(query);
    return byAddress(deps, searcher, query, request.type);
  }
  const wants = (type: SearchType) => request.type === null || request.type === type;
  const loneHashtag = query.startsWith('#') && !query.includes(' ');
  const [accounts, hashtags, statuses] = await Promise.all([
    wants('accounts')
      ? searchAccounts(deps, searcher, query, {
          limit: request.limit,
          offset: request.offset,
          following: request.following,
          resolver: request.resolve && searcher !== null ? resolver : null,
        })
      : [],
    wants('hashtags')
      ? searchHashtags(deps, query, {
          limit: request.limit,
          offset: request.offset,
          excludeUnreviewed: request.excludeUnreviewed,
        })
      : { tags: [], unused: null },
    wants('statuses') && searcher !== null && !loneHashtag
      ? searchStatuses(deps, searcher, query, {
          accountId: request.accountId,
          maxId: request.maxId,
          minId: request.minId,
          limit: request.limit,
          offset: request.offset,
        })
      : [],
  ]);
  return { accounts, hashtags, statuses };
}

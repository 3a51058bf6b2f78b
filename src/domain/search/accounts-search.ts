/**
 * Account search (Mastodon's AccountSearchService without Elasticsearch), by the start of a
 * username, of `username@domain`, or of a word of the display name. Ranking, the same on
 * both databases because it is done here:
 *
 * 1. the exact match first: the local account of that username, or the remote one of that
 *    `username@domain`;
 * 2. for a signed-in searcher, accounts they follow before the others;
 * 3. then by how the query matched, weighted as Mastodon's SQL search weighs its fields:
 *    a display name word 1.0, the username 0.4, the domain 0.2, summed;
 * 4. then the most followed first, then the oldest.
 *
 * Accounts that blocked the searcher or that the searcher blocks are left out. With a
 * resolver (`resolve=true`), a full remote address is looked up on its server first, and the
 * account found there leads the first page, as Mastodon's ResolveAccountService makes it.
 */
import { accountFromRow, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountCandidates, findFollowedAmong } from '../../db/repositories/search-index.ts';
import type { Deps } from '../context.ts';
import { loadRelationshipFacts } from '../relationships/facts.ts';
import type { AccountResolver } from './resolver.ts';

export interface AccountSearchOptions {
  limit: number;
  offset: number;
  /** Only accounts the searcher follows. */
  following: boolean;
  /** Asks the account's server for a full remote address; null searches stored accounts only. */
  resolver?: AccountResolver | null;
}

/** How many candidates are ranked; a query that matches more is ranked among the most followed. */
const candidateLimit = 1000;

interface ParsedAcct {
  username: string;
  domain: string | null;
  text: string;
}

function parseAcct(query: string): ParsedAcct | null {
  const text = query
    .trim()
    .replace(/^acct:/i, '')
    .replace(/^@/, '')
    .toLowerCase();
  if (text === '') return null;
  const [username = '', domain = null] = text.split('@', 2);
  return { username, domain: domain === '' ? null : domain, text };
}

export async function searchAccounts(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  searcher: AccountRecord | null,
  query: string,
  options: AccountSearchOptions,
): Promise<AccountRecord[]> {
  const parsed = parseAcct(query);
  if (!parsed || options.limit <= 0) return [];
  const localDomains = [deps.config.localDomain, deps.config.webDomain].map((d) => d.toLowerCase());
  const local = parsed.domain !== null && localDomains.includes(parsed.domain);
  const remoteHandle = parsed.domain !== null && !local && parsed.username !== '';
  const resolved =
    remoteHandle && options.resolver && options.offset === 0 && !options.following
      ? await options.resolver(`${parsed.username}@${parsed.domain}`)
      : null;
  const rows = await findAccountCandidates(deps.db, {
    username: parsed.username,
    domain: local ? null : parsed.domain,
    displayName: parsed.domain === null ? parsed.text : null,
    followedBy: options.following && searcher ? searcher.id : null,
    limit: candidateLimit,
  });
  let accounts = rows.map(accountFromRow).filter((a) => !local || a.domain === null);
  if (resolved && resolved.suspendedAt === null) {
    accounts = [resolved, ...accounts.filter((a) => a.id !== resolved.id)];
  }
  if (options.following && !searcher) accounts = [];
  const ids = accounts.map((a) => a.id);
  const [followed, facts] = searcher
    ? await Promise.all([
        findFollowedAmong(deps.db, searcher.id, ids),
        loadRelationshipFacts(deps.db, searcher.id, ids, deps.clock.now()),
      ])
    : [new Set<string>(), null];
  if (facts) {
    accounts = accounts.filter((a) => !facts.blocking.has(a.id) && !facts.blockedBy.has(a.id));
  }
  const exact = (a: AccountRecord) =>
    a.username.toLowerCase() === parsed.username &&
    (parsed.domain === null || local
      ? a.domain === null
      : a.domain?.toLowerCase() === parsed.domain);
  const weight = (a: AccountRecord) => {
    const words = a.displayName.toLowerCase().split(/\s+/);
    let score = 0;
    if (parsed.domain === null && words.some((w) => w.startsWith(parsed.text))) score += 1;
    if (a.username.toLowerCase().startsWith(parsed.username)) score += 0.4;
    if (parsed.domain !== null && !local && a.domain?.toLowerCase().startsWith(parsed.domain)) {
      score += 0.2;
    }
    return score;
  };
  const ranked = accounts
    .map((account, order) => ({
      account,
      order,
      exact: exact(account) ? 1 : 0,
      followed: followed.has(account.id) ? 1 : 0,
      weight: weight(account),
    }))
    .sort(
      (a, b) =>
        b.exact - a.exact || b.followed - a.followed || b.weight - a.weight || a.order - b.order,
    );
  return ranked.slice(options.offset, options.offset + options.limit).map((r) => r.account);
}

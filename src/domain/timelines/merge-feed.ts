/**
 * Filling a feed from accounts' recent posts: what building a home or list feed, following an
 * account and adding a list member have in common (Mastodon's populate_home and
 * merge_into_home/list). Posts are collected newest first, at most `maxFeedEntries`, and
 * written in one transaction; entries already there stay.
 */
import { idAtTime } from '../../core/ids.ts';
import { placeholders, type Queryable } from '../../db/database.ts';
import {
  feedEntryAtRank,
  insertFeedEntries,
  trimFeed,
  type FeedKind,
} from '../../db/repositories/feed-entries.ts';
import { statusFromRow, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { loadCandidates } from './feed-candidates.ts';
import type { FeedCandidate } from './feed-rules.ts';
import { maxFeedEntries } from './feed-size.ts';

export interface Source {
  accountId: string;
  /** When the account last posted: it is not asked for stretches of time after that. */
  lastStatusAt: number | null;
  /** Whether its direct posts count too (one's own feed shows one's direct posts). */
  withDirect?: boolean;
}

/** The first stretch of time read, and how much longer each next one is. */
const firstStretchMs = 3_600_000;
const growth = 4;
/** One hour times 4^8 is about seven years: the ninth stretch reaches back to the beginning. */
const stretches = 9;
/** Ids and `last_status_at` may disagree a little (remote posts); skip accounts only beyond this. */
const lastStatusSlackMs = 86_400_000;
/** Accounts per query, well below both databases' limits on parameters. */
const accountsPerQuery = 1000;

/** The posts of `accountIds` with ids in (above, below), newest first. */
async function postsBetween(
  db: Queryable,
  accountIds: readonly string[],
  above: string | null,
  below: string | null,
): Promise<StatusRecord[]> {
  const posts: StatusRecord[] = [];
  for (let i = 0; i < accountIds.length; i += accountsPerQuery) {
    const chunk = accountIds.slice(i, i + accountsPerQuery);
    const params: string[] = [...chunk];
    let bounds = '';
    if (above !== null) {
      bounds += ' AND id > ?';
      params.push(above);
    }
    if (below !== null) {
      bounds += ' AND id < ?';
      params.push(below);
    }
    const rows = await db.all(
      `SELECT * FROM statuses WHERE account_id IN (${placeholders(chunk.length)})${bounds}
         AND deleted_at IS NULL ORDER BY id DESC`,
      params,
    );
    posts.push(...rows.map(statusFromRow));
  }
  return posts;
}

/**
 * Collects the posts of `sources` that `keep` admits, the newest `limit` of them in all.
 * Posts are read for all the sources at once (Mastodon asks each account in turn), over
 * stretches of time going back from now and growing fourfold (an hour, four hours, sixteen
 * hours...), until `limit` are held: each stretch is one query on the (account, id) index and
 * the feed rules' few, so a feed of 800 posts from 500 accounts costs a few dozen queries,
 * not thousands. Accounts that last posted before a stretch are not asked for it.
 */
export async function collectPosts(
  deps: Pick<Deps, 'db' | 'clock'>,
  sources: readonly Source[],
  keep: (c: FeedCandidate) => boolean,
  options: { limit?: number; afterId?: string | null } = {},
): Promise<StatusRecord[]> {
  const limit = options.limit ?? maxFeedEntries;
  const floor = options.afterId ?? null;
  const now = deps.clock.now();
  let held: StatusRecord[] = [];
  let below: string | null = null;
  let span = firstStretchMs;
  for (let round = 0; round < stretches && held.length < limit; round++, span *= growth) {
    const startMs = round < stretches - 1 ? now - span : null;
    let above = startMs === null || startMs <= 0 ? null : idAtTime(startMs);
    if (floor !== null && (above === null || BigInt(above) <= BigInt(floor))) above = floor;
    const asked = sources.filter(
      (s) =>
        startMs === null ||
        s.lastStatusAt === null ||
        s.lastStatusAt >= startMs - lastStatusSlackMs,
    );
    const withDirect = new Set(asked.filter((s) => s.withDirect).map((s) => s.accountId));
    const posts = (
      await postsBetween(
        deps.db,
        asked.map((s) => s.accountId),
        above,
        below,
      )
    ).filter((p) => p.visibility !== 'direct' || withDirect.has(p.accountId));
    if (posts.length > 0) {
      const candidates = await loadCandidates(deps.db, posts);
      held = newestFirst([...held, ...candidates.filter(keep).map((c) => c.status)], limit);
    }
    if (above === null || above === floor) break;
    below = (BigInt(above) + 1n).toString();
  }
  return withoutRepeatedBoosts(held);
}

/** The newest `limit` of `posts`, each once, newest first. */
function newestFirst(posts: readonly StatusRecord[], limit: number): StatusRecord[] {
  const unique = new Map(posts.map((p) => [p.id, p]));
  return [...unique.values()]
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
    .slice(0, limit);
}

/** Two collections of posts made one feed: the newest `limit`, each post shown once. */
export function mergeCollected(
  a: readonly StatusRecord[],
  b: readonly StatusRecord[],
  limit = maxFeedEntries,
): StatusRecord[] {
  return withoutRepeatedBoosts(newestFirst([...a, ...b], limit));
}

/**
 * One entry per post: a boost of a post that is already there, or was boosted earlier, is left
 * out (Mastodon's reblog aggregation), the first to arrive staying.
 */
function withoutRepeatedBoosts(newestFirst: readonly StatusRecord[]): StatusRecord[] {
  const seen = new Set<string>();
  const kept: StatusRecord[] = [];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const s = newestFirst[i]!;
    const shown = s.reblogOfId ?? s.id;
    if (seen.has(shown)) continue;
    seen.add(shown);
    kept.push(s);
  }
  return kept.reverse();
}

/** Writes `posts` into one feed and trims it. */
export async function writeIntoFeed(
  deps: Pick<Deps, 'db'>,
  kind: FeedKind,
  feedId: string,
  posts: readonly StatusRecord[],
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await insertFeedEntries(
      tx,
      kind,
      posts.map((s) => ({
        feedId,
        statusId: s.id,
        authorId: s.accountId,
        reblogOfId: s.reblogOfId,
      })),
    );
    await trimFeed(tx, kind, feedId, maxFeedEntries);
  });
}

/** The id below which a full feed keeps nothing (its oldest entry), or null while not full. */
export function oldestKept(
  deps: Pick<Deps, 'db'>,
  kind: FeedKind,
  feedId: string,
): Promise<string | null> {
  return feedEntryAtRank(deps.db, kind, feedId, maxFeedEntries - 1);
}

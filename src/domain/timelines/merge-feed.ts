/**
 * Filling a feed from accounts' recent posts: what building a home or list feed, following an
 * account and adding a list member have in common (Mastodon's populate_home and
 * merge_into_home/list). Posts are collected newest first, at most `maxFeedEntries`, and
 * written in one transaction; entries already there stay.
 */
import type { Queryable } from '../../db/database.ts';
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
  /** When the account last posted; accounts are read newest first and skipped once too old. */
  lastStatusAt: number | null;
  /** Whether its direct posts count too (one's own feed shows one's direct posts). */
  withDirect?: boolean;
}

/** The newest posts of `accountId` newer than `afterId`, at most `limit`. */
async function recentPosts(
  db: Queryable,
  source: Source,
  afterId: string | null,
  limit: number,
): Promise<StatusRecord[]> {
  const visibilities = source.withDirect
    ? "('public', 'unlisted', 'private', 'direct')"
    : "('public', 'unlisted', 'private')";
  const rows = await db.all(
    `SELECT * FROM statuses WHERE account_id = ? AND deleted_at IS NULL AND visibility IN ${visibilities}
     ${afterId === null ? '' : 'AND id > ?'} ORDER BY id DESC LIMIT ${Math.trunc(limit)}`,
    afterId === null ? [source.accountId] : [source.accountId, afterId],
  );
  return rows.map(statusFromRow);
}

/**
 * Collects the posts of `sources` that `keep` admits, the newest `limit` of them in all.
 * Once `limit` posts are held, an account that last posted before the oldest of them is
 * skipped, and the next accounts are only asked for newer posts.
 */
export async function collectPosts(
  deps: Pick<Deps, 'db'>,
  sources: readonly Source[],
  keep: (c: FeedCandidate) => boolean,
  options: { limit?: number; afterId?: string | null } = {},
): Promise<StatusRecord[]> {
  const limit = options.limit ?? maxFeedEntries;
  let held: StatusRecord[] = [];
  const ordered = [...sources].sort((a, b) => (b.lastStatusAt ?? 0) - (a.lastStatusAt ?? 0));
  for (const source of ordered) {
    const oldest = held.length >= limit ? held[held.length - 1]! : null;
    if (oldest && source.lastStatusAt !== null && source.lastStatusAt < oldest.createdAt) break;
    const after = oldest?.id ?? options.afterId ?? null;
    const posts = await recentPosts(deps.db, source, after, limit);
    if (posts.length === 0) continue;
    const candidates = await loadCandidates(deps.db, posts);
    held = newestFirst([...held, ...candidates.filter(keep).map((c) => c.status)], limit);
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

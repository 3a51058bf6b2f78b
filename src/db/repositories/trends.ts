/**
 * Reads and writes of `trends` (what the `trends.refresh` job ranked, per kind) and
 * `trend_reviews` (an admin's approval or rejection of a tag, post or link).
 */
import { placeholders, type Queryable, type SqlValue } from '../database.ts';
import { tagFromRow, type TagRecord } from './tags.ts';

export type TrendKind = 'tag' | 'status' | 'link';

export interface TrendDay {
  /** UTC midnight, in seconds since the epoch. */
  day: number;
  accounts: number;
  uses: number;
}

export interface RankedTrend {
  targetId: string;
  score: number;
  /** Tags and links: the last days, today first. */
  history?: TrendDay[];
}

/** Replaces the ranking of `kind` with `ranked` (best first), in one transaction. */
export async function replaceTrends(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  kind: TrendKind,
  ranked: readonly RankedTrend[],
  now: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run('DELETE FROM trends WHERE kind = ?', [kind]);
    for (let start = 0; start < ranked.length; start += 100) {
      const chunk = ranked.slice(start, start + 100);
      const params: SqlValue[] = [];
      chunk.forEach((r, i) =>
        params.push(
          kind,
          r.targetId,
          r.score,
          start + i + 1,
          now,
          r.history ? JSON.stringify(r.history) : null,
        ),
      );
      await tx.run(
        `INSERT INTO trends (kind, target_id, score, rank, computed_at, history) VALUES ${chunk
          .map(() => '(?, ?, ?, ?, ?, ?)')
          .join(', ')}`,
        params,
      );
    }
  });
}

const reviewRule = (requireReview: boolean): string =>
  requireReview ? 'r.trendable = TRUE' : '(r.trendable IS NULL OR r.trendable = TRUE)';

/**
 * A page of the ranking of `kind`, leaving out what an admin rejected and, when reviews are
 * required, what no admin approved yet. Tags rejected on the tag itself (`tags.trendable`
 * FALSE) are left out too.
 */
export async function rankedTrends(
  db: Queryable,
  kind: TrendKind,
  options: { requireReview: boolean; offset: number; limit: number },
): Promise<{ targetId: string; history: TrendDay[] }[]> {
  const tagRule =
    kind === 'tag'
      ? 'AND NOT EXISTS (SELECT 1 FROM tags tg WHERE tg.id = t.target_id AND tg.trendable = FALSE)'
      : '';
  const rows = await db.all<{ target_id: unknown; history: string | null }>(
    `SELECT t.target_id, t.history FROM trends t
       LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.target_id = t.target_id
      WHERE t.kind = ? AND ${reviewRule(options.requireReview)} ${tagRule}
      ORDER BY t.rank LIMIT ${Math.trunc(options.limit)} OFFSET ${Math.trunc(options.offset)}`,
    [kind],
  );
  return rows.map((r) => ({
    targetId: String(r.target_id),
    history: r.history ? (JSON.parse(r.history) as TrendDay[]) : [],
  }));
}

/** Whether the item is ranked now and shown (the rules of `rankedTrendIds`). */
export async function isTrending(
  db: Queryable,
  kind: TrendKind,
  targetId: string,
  requireReview: boolean,
): Promise<boolean> {
  const row = await db.get(
    `SELECT 1 AS yes FROM trends t
       LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.target_id = t.target_id
      WHERE t.kind = ? AND t.target_id = ? AND ${reviewRule(requireReview)}`,
    [kind, targetId],
  );
  return row !== undefined;
}

/** Every ranked item of `kind` with its score and review, best first (for the admin). */
export async function listTrends(
  db: Queryable,
  kind: TrendKind,
  limit: number,
): Promise<{ targetId: string; score: number; rank: number; trendable: boolean | null }[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT t.target_id, t.score, t.rank, r.trendable FROM trends t
       LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.target_id = t.target_id
      WHERE t.kind = ? ORDER BY t.rank LIMIT ${Math.trunc(limit)}`,
    [kind],
  );
  return rows.map((r) => ({
    targetId: String(r.target_id),
    score: Number(r.score),
    rank: Number(r.rank),
    trendable: r.trendable === null || r.trendable === undefined ? null : Boolean(r.trendable),
  }));
}

export async function saveTrendReview(
  db: Queryable,
  kind: TrendKind,
  targetId: string,
  trendable: boolean,
  now: number,
): Promise<void> {
  await db.run(
    `INSERT INTO trend_reviews (kind, target_id, trendable, reviewed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (kind, target_id) DO UPDATE SET trendable = excluded.trendable,
       reviewed_at = excluded.reviewed_at`,
    [kind, targetId, trendable, now],
  );
}

/** Which of `tagIds` the viewer follows and features (the Tag entity's relationships). */
export async function tagRelationships(
  db: Queryable,
  viewerId: string,
  tagIds: readonly string[],
): Promise<{ following: Set<string>; featuring: Set<string> }> {
  const result = { following: new Set<string>(), featuring: new Set<string>() };
  if (tagIds.length === 0) return result;
  const marks = placeholders(tagIds.length);
  const rows = await db.all<{ kind: string; tag_id: unknown }>(
    `SELECT 'following' AS kind, tag_id FROM tag_follows WHERE account_id = ? AND tag_id IN (${marks})
     UNION ALL
     SELECT 'featuring', tag_id FROM featured_tags WHERE account_id = ? AND tag_id IN (${marks})`,
    [viewerId, ...tagIds, viewerId, ...tagIds],
  );
  for (const r of rows) {
    (r.kind === 'following' ? result.following : result.featuring).add(String(r.tag_id));
  }
  return result;
}

export async function findTagsByIds(db: Queryable, ids: readonly string[]): Promise<TagRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(`SELECT * FROM tags WHERE id IN (${placeholders(ids.length)})`, [
    ...ids,
  ]);
  return rows.map(tagFromRow);
}

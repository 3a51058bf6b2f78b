/**
 * Reads and writes of `trends` (what the `trends.refresh` job ranked, per kind) and
 * `trend_reviews` (an admin's approval or rejection of a tag, post or link).
 */
import { placeholders, type Queryable, type SqlValue } from '../database.ts';
import { tagFromRow, type TagRecord } from './tags.ts';

export type TrendKind = 'tag' | 'status' | 'link';

export interface RankedTrend {
  targetId: string;
  score: number;
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
      chunk.forEach((r, i) => params.push(kind, r.targetId, r.score, start + i + 1, now));
      await tx.run(
        `INSERT INTO trends (kind, target_id, score, rank, computed_at) VALUES ${chunk
          .map(() => '(?, ?, ?, ?, ?)')
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
export async function rankedTrendIds(
  db: Queryable,
  kind: TrendKind,
  options: { requireReview: boolean; offset: number; limit: number },
): Promise<string[]> {
  const tagRule =
    kind === 'tag'
      ? 'AND NOT EXISTS (SELECT 1 FROM tags tg WHERE tg.id = t.target_id AND tg.trendable = FALSE)'
      : '';
  const rows = await db.all<{ target_id: unknown }>(
    `SELECT t.target_id FROM trends t
       LEFT JOIN trend_reviews r ON r.kind = t.kind AND r.target_id = t.target_id
      WHERE t.kind = ? AND ${reviewRule(options.requireReview)} ${tagRule}
      ORDER BY t.rank LIMIT ${Math.trunc(options.limit)} OFFSET ${Math.trunc(options.offset)}`,
    [kind],
  );
  return rows.map((r) => String(r.target_id));
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

export async function findTagsByIds(db: Queryable, ids: readonly string[]): Promise<TagRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db.all(`SELECT * FROM tags WHERE id IN (${placeholders(ids.length)})`, [
    ...ids,
  ]);
  return rows.map(tagFromRow);
}

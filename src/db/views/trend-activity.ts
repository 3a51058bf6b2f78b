/**
 * The recent activity trends are computed from, counted by the database. A post counts when
 * it is public, federated (not local-only), not a boost and not deleted, and its author is
 * neither silenced nor suspended. Posts are bounded by id (ids grow with time), so each query
 * reads only the last days of the statuses' primary key.
 */
import { placeholders, type Queryable } from '../database.ts';

const dayMs = 86_400_000;

const eligiblePost = `s.visibility = 'public' AND s.local_only = FALSE AND s.deleted_at IS NULL
  AND s.reblog_of_id IS NULL AND a.silenced_at IS NULL AND a.suspended_at IS NULL`;

/** Where the window starts: the first status id of that time, and the time itself. */
export interface Since {
  id: string;
  ms: number;
}

export interface DailyActivity {
  targetId: string;
  /** Days since the epoch (UTC). */
  day: number;
  accounts: number;
  uses: number;
}

const toActivity = (r: Record<string, unknown>): DailyActivity => ({
  targetId: String(r.target_id),
  day: Number(r.day),
  accounts: Number(r.accounts),
  uses: Number(r.uses),
});

/** Per tag and day: how many accounts used it and in how many posts, since `since`. */
export async function tagActivity(db: Queryable, since: Since): Promise<DailyActivity[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT st.tag_id AS target_id, s.created_at / ${dayMs} AS day,
            COUNT(DISTINCT s.account_id) AS accounts, COUNT(*) AS uses
       FROM statuses s JOIN statuses_tags st ON st.status_id = s.id
       JOIN accounts a ON a.id = s.account_id
      WHERE s.id >= ? AND s.created_at >= ? AND ${eligiblePost}
      GROUP BY st.tag_id, s.created_at / ${dayMs}`,
    [since.id, since.ms],
  );
  return rows.map(toActivity);
}

/** Per preview card and day: how many accounts shared the link, in how many posts. */
export async function linkActivity(
  db: Queryable,
  since: Since,
  cardIds: readonly string[] | null = null,
): Promise<DailyActivity[]> {
  const only =
    cardIds === null
      ? ''
      : `AND pcs.preview_card_id IN (${placeholders(cardIds.length) || 'NULL'})`;
  const rows = await db.all<Record<string, unknown>>(
    `SELECT pcs.preview_card_id AS target_id, s.created_at / ${dayMs} AS day,
            COUNT(DISTINCT s.account_id) AS accounts, COUNT(*) AS uses
       FROM statuses s JOIN preview_cards_statuses pcs ON pcs.status_id = s.id
       JOIN accounts a ON a.id = s.account_id
      WHERE s.id >= ? AND s.created_at >= ? AND ${eligiblePost} ${only}
      GROUP BY pcs.preview_card_id, s.created_at / ${dayMs}`,
    [since.id, since.ms, ...(cardIds ?? [])],
  );
  return rows.map(toActivity);
}

export interface PostActivity {
  statusId: string;
  createdAt: number;
  interactions: number;
}

/**
 * Posts that may trend (Mastodon's Trends::Statuses#eligible?): eligible as above, by an
 * account that opted into discovery, not a reply, without content warning or sensitive
 * media; with their boosts and favourites.
 */
export async function postActivity(
  db: Queryable,
  since: Since,
  minInteractions: number,
): Promise<PostActivity[]> {
  const rows = await db.all<Record<string, unknown>>(
    `SELECT s.id, s.created_at, s.reblogs_count + s.favourites_count AS interactions
       FROM statuses s JOIN accounts a ON a.id = s.account_id
      WHERE s.id >= ? AND s.created_at >= ? AND ${eligiblePost} AND a.discoverable = TRUE
        AND s.in_reply_to_id IS NULL AND s.spoiler_text = '' AND s.sensitive = FALSE
        AND s.reblogs_count + s.favourites_count >= ?`,
    [since.id, since.ms, minInteractions],
  );
  return rows.map((r) => ({
    statusId: String(r.id),
    createdAt: Number(r.created_at),
    interactions: Number(r.interactions),
  }));
}

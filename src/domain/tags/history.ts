/**
 * A hashtag's use over the last seven days, as Mastodon's Tag#history reports it: one entry
 * per UTC day, today first, with how many public posts used the tag that day and how many
 * accounts wrote them. Mastodon counts in Redis as posts arrive; Woolly counts the posts
 * themselves, which gives the same numbers for every tag at once.
 */
import { placeholders } from '../../db/database.ts';
import type { Deps } from '../context.ts';

export interface TagDay {
  /** UTC midnight of the day, in seconds since the epoch. */
  day: number;
  uses: number;
  accounts: number;
}

const dayMs = 86_400_000;
export const historyDays = 7;

/** The history of each tag of `tagIds`, by tag id. */
export async function tagHistories(
  deps: Pick<Deps, 'db' | 'clock'>,
  tagIds: readonly string[],
): Promise<Map<string, TagDay[]>> {
  const today = Math.floor(deps.clock.now() / dayMs);
  const first = today - historyDays + 1;
  const counts = new Map<string, { uses: number; accounts: number }>();
  const ids = [...new Set(tagIds)];
  if (ids.length > 0) {
    const rows = await deps.db.all<{
      tag_id: string | number;
      day: string | number;
      uses: string | number;
      accounts: string | number;
    }>(
      `SELECT st.tag_id AS tag_id, s.created_at / ${dayMs} AS day,
              COUNT(*) AS uses, COUNT(DISTINCT s.account_id) AS accounts
         FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
        WHERE st.tag_id IN (${placeholders(ids.length)}) AND s.created_at >= ?
          AND s.visibility = 'public' AND s.local_only = FALSE
          AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL
        GROUP BY st.tag_id, s.created_at / ${dayMs}`,
      [...ids, first * dayMs],
    );
    for (const row of rows) {
      counts.set(`${row.tag_id}:${Number(row.day)}`, {
        uses: Number(row.uses),
        accounts: Number(row.accounts),
      });
    }
  }
  const histories = new Map<string, TagDay[]>();
  for (const id of ids) {
    const days: TagDay[] = [];
    for (let day = today; day >= first; day--) {
      const count = counts.get(`${id}:${day}`);
      days.push({
        day: (day * dayMs) / 1000,
        uses: count?.uses ?? 0,
        accounts: count?.accounts ?? 0,
      });
    }
    histories.set(id, days);
  }
  return histories;
}

/** Seven days without a use, for a tag nobody has used yet. */
export function emptyHistory(now: number): TagDay[] {
  const today = Math.floor(now / dayMs);
  return Array.from({ length: historyDays }, (_, i) => ({
    day: ((today - i) * dayMs) / 1000,
    uses: 0,
    accounts: 0,
  }));
}

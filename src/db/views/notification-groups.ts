/**
 * What a page of grouped notifications shows of each group, read for all of the page's groups
 * in two queries: the most recent notification, the latest senders, the count, and where the
 * group starts within the page (Mastodon's NotificationGroup.load_groups_data).
 */
import { placeholders, type Queryable } from '../database.ts';

export interface GroupData {
  mostRecentId: string;
  mostRecentAt: number;
  /** The latest senders, most recent first. */
  sampleAccountIds: string[];
  count: number;
  /** The oldest notification of the group from the page's start on; null without a page. */
  pageMinId: string | null;
}

/** Bounds of a page of groups (inclusive); null on a side leaves it open. */
export interface GroupRange {
  begin: string | null;
  end: string | null;
}

/**
 * The data of the groups `groupKeys` of `accountId`, counting only notifications up to the
 * range's end when a range is given.
 */
export async function loadGroupsData(
  db: Queryable,
  accountId: string,
  groupKeys: readonly string[],
  range: GroupRange | null,
  sampleSize: number,
): Promise<Map<string, GroupData>> {
  const data = new Map<string, GroupData>();
  if (groupKeys.length === 0) return data;
  const keys = placeholders(groupKeys.length);
  const upTo = range?.end ?? null;
  const rows = await db.all<{
    group_key: string;
    id: string | number;
    from_account_id: string | number;
    created_at: string | number;
    cnt: string | number;
  }>(
    `SELECT group_key, id, from_account_id, created_at, cnt FROM (
       SELECT group_key, id, from_account_id, created_at,
              ROW_NUMBER() OVER (PARTITION BY group_key ORDER BY id DESC) AS rn,
              COUNT(*) OVER (PARTITION BY group_key) AS cnt
       FROM notifications
       WHERE account_id = ? AND group_key IN (${keys})${upTo === null ? '' : ' AND id <= ?'}
     ) g WHERE rn <= ${Math.trunc(sampleSize)} ORDER BY group_key, rn`,
    upTo === null ? [accountId, ...groupKeys] : [accountId, ...groupKeys, upTo],
  );
  for (const r of rows) {
    const existing = data.get(r.group_key);
    if (existing) {
      existing.sampleAccountIds.push(String(r.from_account_id));
      continue;
    }
    data.set(r.group_key, {
      mostRecentId: String(r.id),
      mostRecentAt: Number(r.created_at),
      sampleAccountIds: [String(r.from_account_id)],
      count: Number(r.cnt),
      pageMinId: null,
    });
  }
  if (range) {
    const from = range.begin;
    const mins = await db.all<{ group_key: string; min_id: string | number }>(
      `SELECT group_key, MIN(id) AS min_id FROM notifications
       WHERE account_id = ? AND group_key IN (${keys})${from === null ? '' : ' AND id >= ?'}
       GROUP BY group_key`,
      from === null ? [accountId, ...groupKeys] : [accountId, ...groupKeys, from],
    );
    for (const m of mins) {
      const group = data.get(m.group_key);
      if (group) group.pageMinId = String(m.min_id);
    }
  }
  return data;
}

/**
 * Posts made ready for the feed rules: with the boosted post, its author's domain and the
 * mentions of both, for a whole batch in three queries.
 */
import type { Queryable } from '../../db/database.ts';
import { placeholders } from '../../db/database.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { FeedCandidate } from './feed-rules.ts';

export async function loadCandidates(
  db: Queryable,
  statuses: readonly StatusRecord[],
): Promise<FeedCandidate[]> {
  if (statuses.length === 0) return [];
  const reblogIds = [
    ...new Set(statuses.map((st) => st.reblogOfId).filter((id): id is string => id !== null)),
  ];
  const reblogs = new Map((await findStatusesByIds(db, reblogIds)).map((r) => [r.id, r]));
  const ids = [...statuses.map((st) => st.id), ...reblogIds];
  const authorIds = [...new Set([...reblogs.values()].map((r) => r.accountId))];
  const [mentionRows, domainRows] = await Promise.all([
    db.all<{ status_id: string | number; account_id: string | number }>(
      `SELECT status_id, account_id FROM mentions WHERE status_id IN (${placeholders(ids.length)}) AND silent = FALSE`,
      ids,
    ),
    authorIds.length === 0
      ? Promise.resolve([])
      : db.all<{ id: string | number; domain: string | null }>(
          `SELECT id, domain FROM accounts WHERE id IN (${placeholders(authorIds.length)})`,
          authorIds,
        ),
  ]);
  const mentions = new Map<string, string[]>();
  for (const m of mentionRows) {
    const list = mentions.get(String(m.status_id)) ?? [];
    list.push(String(m.account_id));
    mentions.set(String(m.status_id), list);
  }
  const domains = new Map(domainRows.map((a) => [String(a.id), a.domain]));
  const out: FeedCandidate[] = [];
  for (const status of statuses) {
    const reblog = status.reblogOfId === null ? null : (reblogs.get(status.reblogOfId) ?? null);
    // A boost of a post that is gone has nothing to show.
    if (status.reblogOfId !== null && reblog === null) continue;
    out.push({
      status,
      reblog,
      reblogAuthorDomain: reblog ? (domains.get(reblog.accountId) ?? null) : null,
      mentionedIds: [
        ...(mentions.get(status.id) ?? []),
        ...(reblog ? (mentions.get(reblog.id) ?? []) : []),
      ],
    });
  }
  return out;
}

/**
 * A page of a timeline whose rows are chosen by an index and then checked against what the
 * viewer may see now (a block or mute made after the post was fanned out, a post deleted, an
 * author suspended). Rows the check drops are made up by reading further, in growing batches,
 * so a page is full unless the timeline ends.
 */
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Queryable } from '../../db/database.ts';
import type { Page } from '../pagination.ts';

export interface Bounds {
  /** Only ids below this. */
  below: string | null;
  /** Only ids above this. */
  above: string | null;
  /** Oldest first (reading forward with `min_id`). */
  ascending: boolean;
  limit: number;
}

/**
 * Each round reads twice as many rows as the one before, up to `maxBatch`: a page skips at
 * most about 1,600 hidden rows (twice a whole feed) in at most 8 queries before it gives up.
 */
const maxRounds = 8;
const maxBatch = 400;

/** Loads statuses by id, in the order of `ids`; ids of deleted statuses are dropped. */
export async function statusesInOrder(
  db: Queryable,
  ids: readonly string[],
): Promise<StatusRecord[]> {
  const byId = new Map((await findStatusesByIds(db, ids)).map((s) => [s.id, s]));
  return ids.map((id) => byId.get(id)).filter((s): s is StatusRecord => s !== undefined);
}

export async function readFilteredPage(
  db: Queryable,
  page: Page,
  fetchIds: (bounds: Bounds) => Promise<string[]>,
  keep: (statuses: StatusRecord[]) => Promise<StatusRecord[]>,
): Promise<StatusRecord[]> {
  const ascending = page.minId !== null;
  let below = page.maxId;
  let above = page.minId ?? page.sinceId;
  let batch = page.limit + 10;
  const kept: StatusRecord[] = [];
  for (let round = 0; round < maxRounds && kept.length < page.limit; round++) {
    if (round > 0) batch = Math.min(batch * 2, maxBatch);
    const ids = await fetchIds({ below, above, ascending, limit: batch });
    if (ids.length > 0) kept.push(...(await keep(await statusesInOrder(db, ids))));
    if (ids.length < batch) break;
    const last = ids[ids.length - 1]!;
    if (ascending) above = last;
    else below = last;
  }
  const result = kept.slice(0, page.limit);
  return ascending ? result.reverse() : result;
}

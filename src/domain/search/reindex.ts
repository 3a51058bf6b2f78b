/**
 * `woolly search reindex`: the post index built again from the posts, as tootctl
 * search deploy does for Elasticsearch. The index is emptied, then filled in batches of a
 * thousand posts, each batch in one transaction, oldest first; searches meanwhile find the
 * posts indexed so far.
 */
import {
  clearStatusIndex,
  findIndexableStatusRows,
  insertStatusDocuments,
} from '../../db/repositories/search-index.ts';
import { statusFromRow, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { statusTokens } from './index-status.ts';

const batchSize = 1000;

/** Rebuilds the index; answers how many posts it holds. `progress` hears after each batch. */
export async function reindexStatuses(
  deps: Pick<Deps, 'db'>,
  progress: (indexed: number) => void = () => {},
): Promise<number> {
  await clearStatusIndex(deps.db);
  let afterId: string | null = null;
  let indexed = 0;
  for (;;) {
    const statuses: StatusRecord[] = (
      await findIndexableStatusRows(deps.db, afterId, batchSize)
    ).map(statusFromRow);
    if (statuses.length === 0) break;
    const tokens = await statusTokens(deps, statuses);
    const documents = statuses.map((s) => ({ statusId: s.id, tokens: tokens.get(s.id) ?? [] }));
    await deps.db.transaction((tx) => insertStatusDocuments(tx, deps.db.dialect, documents));
    indexed += documents.filter((d) => d.tokens.length > 0).length;
    afterId = statuses[statuses.length - 1]!.id;
    progress(indexed);
  }
  return indexed;
}

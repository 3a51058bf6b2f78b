/**
 * GET /api/v1/timelines/list/:id: the owner reads the list's precomputed feed, as the home
 * timeline reads the home feed.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { feedStatusIds } from '../../db/repositories/feed-entries.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage } from '../timelines/filtered-page.ts';
import { visibleInFeed } from '../timelines/visible-now.ts';
import { findOwnList } from './find-list.ts';
import { ensureListFeed } from './list-feed.ts';

export async function listTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  listId: string,
  page: Page,
): Promise<StatusRecord[]> {
  const list = await findOwnList(deps, reader.id, listId);
  await ensureListFeed(deps, list);
  return readFilteredPage(
    deps.db,
    page,
    (bounds) => feedStatusIds(deps.db, 'list', list.id, bounds),
    (statuses) => visibleInFeed(deps, reader, statuses),
  );
}

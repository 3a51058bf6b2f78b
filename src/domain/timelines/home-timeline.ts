/**
 * GET /api/v1/timelines/home: one indexed range scan of the reader's precomputed feed, the
 * posts of the page loaded at once, and what the reader may no longer see dropped. A feed not
 * built yet (a new account, or after `woolly feeds clear`) is built on its first read.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { feedStatusIds, isHomeFeedBuilt } from '../../db/repositories/feed-entries.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage } from './filtered-page.ts';
import { buildHomeFeed } from './home-feed.ts';
import { visibleInFeed } from './visible-now.ts';

export async function homeTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  page: Page,
): Promise<StatusRecord[]> {
  const read = () =>
    readFilteredPage(
      deps.db,
      page,
      (bounds) => feedStatusIds(deps.db, 'home', reader.id, bounds),
      (statuses) => visibleInFeed(deps, reader, statuses),
    );
  // Only built feeds are written to, so a feed that is not built is empty: asking whether it
  // is built only when a page comes back empty spares the common read a query.
  const statuses = await read();
  if (statuses.length > 0 || (await isHomeFeedBuilt(deps.db, reader.id))) return statuses;
  await buildHomeFeed(deps, reader);
  return read();
}

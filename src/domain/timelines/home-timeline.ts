/**
 * GET /api/v1/timelines/home: one indexed range scan of the reader's precomputed feed, the
 * posts of the page loaded at once, and what the reader may no longer see dropped. A feed not
 * built yet (a new account, or after `woolly feeds clear`) is built first.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { feedStatusIds } from '../../db/repositories/feed-entries.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage } from './filtered-page.ts';
import { ensureHomeFeed } from './home-feed.ts';
import { visibleInFeed } from './visible-now.ts';

export async function homeTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  reader: AccountRecord,
  page: Page,
): Promise<StatusRecord[]> {
  await ensureHomeFeed(deps, reader);
  return readFilteredPage(
    deps.db,
    page,
    (bounds) => feedStatusIds(deps.db, 'home', reader.id, bounds),
    (statuses) => visibleInFeed(deps, reader, statuses),
  );
}

/**
 * What `woolly feeds build` and `woolly feeds clear` do (tootctl feeds build / clear): build
 * the home feed and list feeds of one local account or of all of them, or drop every feed,
 * which are then built again, each on its next read.
 */
import { notFound } from '../../core/errors.ts';
import {
  accountFromRow,
  findAccountByUsername,
  type AccountRecord,
} from '../../db/repositories/accounts.ts';
import { clearFeed, clearFeeds, forgetBuiltHomeFeeds } from '../../db/repositories/feed-entries.ts';
import { findListsOf, forgetBuiltListFeeds } from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { buildListFeed } from '../lists/list-feed.ts';
import { buildHomeFeed } from './home-feed.ts';

type FeedDeps = Pick<Deps, 'db' | 'clock'>;

async function buildFeedsOf(deps: FeedDeps, account: AccountRecord): Promise<void> {
  await clearFeed(deps.db, 'home', account.id);
  await buildHomeFeed(deps, account);
  for (const list of await findListsOf(deps.db, account.id)) {
    await clearFeed(deps.db, 'list', list.id);
    await buildListFeed(deps, list);
  }
}

/** Builds anew the feeds of the local account `username`, or of every local account. */
export async function buildFeeds(
  deps: FeedDeps,
  username: string | null,
  onEach: (account: AccountRecord) => void = () => {},
): Promise<number> {
  if (username !== null) {
    const account = await findAccountByUsername(deps.db, username, null);
    if (!account) throw notFound();
    await buildFeedsOf(deps, account);
    onEach(account);
    return 1;
  }
  let after = '0';
  let built = 0;
  for (;;) {
    const rows = await deps.db.all(
      `SELECT * FROM accounts WHERE domain IS NULL AND suspended_at IS NULL AND id > ?
        ORDER BY id LIMIT 100`,
      [after],
    );
    if (rows.length === 0) return built;
    for (const account of rows.map(accountFromRow)) {
      await buildFeedsOf(deps, account);
      onEach(account);
      built += 1;
      after = account.id;
    }
  }
}

/** Drops every home and list feed; each is built again when next read. */
export async function clearAllFeeds(deps: Pick<Deps, 'db'>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await clearFeeds(tx, 'home');
    await clearFeeds(tx, 'list');
    await forgetBuiltHomeFeeds(tx);
    await forgetBuiltListFeeds(tx);
  });
}

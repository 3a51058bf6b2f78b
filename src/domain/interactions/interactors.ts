/**
 * Who boosted a post and who favourited it (GET /api/v1/statuses/:id/reblogged_by and
 * /favourited_by), newest first, as Mastodon lists them:
 *
 * - the boosters are paged by the boost's id, the favouriters by the favourite's id, and only
 *   with `max_id` and `since_id` (Mastodon's `paginate_by_max_id`; `min_id` is ignored);
 * - only public and unlisted boosts are listed: a followers-only boost of one's own post is
 *   not announced to anyone else;
 * - suspended accounts are left out, and for a signed-in viewer so are the accounts they
 *   block, are blocked by or mute (Mastodon's `excluded_from_timeline_account_ids`).
 *
 * Whether the viewer may see the post at all is the caller's business (a 404 otherwise).
 */
import type { SqlValue } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { newestFirst, pageQuery, type Page } from '../pagination.ts';

export interface InteractorRow {
  /** The id of the boost (favourite): what the list is paged by. */
  pageId: string;
  accountId: string;
}

interface ListSpec {
  /** `FROM ... JOIN accounts a`; `a` is the listed account. */
  from: string;
  pageColumn: string;
  where: string[];
  params: SqlValue[];
}

async function interactors(
  deps: Pick<Deps, 'db' | 'clock'>,
  spec: ListSpec,
  viewer: AccountRecord | null,
  page: Page,
): Promise<InteractorRow[]> {
  const q = pageQuery({ ...page, minId: null }, spec.pageColumn);
  const where = [...spec.where, 'a.suspended_at IS NULL'];
  const params = [...spec.params];
  if (viewer) {
    where.push(
      `NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = ? AND b.target_account_id = a.id) OR (b.account_id = a.id AND b.target_account_id = ?))`,
      `NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = ? AND m.target_account_id = a.id AND (m.expires_at IS NULL OR m.expires_at > ?))`,
    );
    params.push(viewer.id, viewer.id, viewer.id, deps.clock.now());
  }
  const rows = await deps.db.all<{ page_id: string | number; account_id: string | number }>(
    `SELECT ${spec.pageColumn} AS page_id, a.id AS account_id ${spec.from}
     WHERE ${[...where, ...q.where].join(' AND ')} ${q.orderLimit}`,
    [...params, ...q.params],
  );
  return newestFirst(rows, q.ascending).map((r) => ({
    pageId: String(r.page_id),
    accountId: String(r.account_id),
  }));
}

/** The accounts that boosted `statusId` (publicly), newest boost first. */
export function rebloggedBy(
  deps: Pick<Deps, 'db' | 'clock'>,
  statusId: string,
  viewer: AccountRecord | null,
  page: Page,
): Promise<InteractorRow[]> {
  return interactors(
    deps,
    {
      from: 'FROM statuses r JOIN accounts a ON a.id = r.account_id',
      pageColumn: 'r.id',
      where: [
        'r.reblog_of_id = ?',
        'r.deleted_at IS NULL',
        "r.visibility IN ('public', 'unlisted')",
      ],
      params: [statusId],
    },
    viewer,
    page,
  );
}

/** The accounts that favourited `statusId`, newest favourite first. */
export function favouritedBy(
  deps: Pick<Deps, 'db' | 'clock'>,
  statusId: string,
  viewer: AccountRecord | null,
  page: Page,
): Promise<InteractorRow[]> {
  return interactors(
    deps,
    {
      from: 'FROM favourites f JOIN accounts a ON a.id = f.account_id',
      pageColumn: 'f.id',
      where: ['f.status_id = ?'],
      params: [statusId],
    },
    viewer,
    page,
  );
}

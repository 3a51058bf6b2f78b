/**
 * GET /api/v1/timelines/public: Mastodon's PublicFeed. Public posts, not boosts, not replies
 * to others (a thread of one's own counts), newest first; `local` keeps this server's posts,
 * `remote` the others' (both, or neither, keep all); `only_media` those with attachments; a
 * reader who chose languages sees posts in those. Read by the partial indexes of public
 * posts; the viewer's blocks, mutes and domain blocks are dropped as the page is read.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { placeholders, type SqlValue } from '../../db/database.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage, type Bounds } from './filtered-page.ts';
import { visibleInPublic } from './visible-now.ts';

export interface PublicTimelineFilter {
  local?: boolean;
  remote?: boolean;
  onlyMedia?: boolean;
  /** The reader's chosen languages (a user setting): only posts in these, when set. */
  languages?: readonly string[] | null;
}

/** `WHERE` parts that bound and order a scan of `column`. */
export function boundsSql(
  bounds: Bounds,
  column: string,
): { where: string[]; params: SqlValue[]; orderLimit: string } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (bounds.below !== null) {
    where.push(`${column} < ?`);
    params.push(bounds.below);
  }
  if (bounds.above !== null) {
    where.push(`${column} > ?`);
    params.push(bounds.above);
  }
  const order = bounds.ascending ? 'ASC' : 'DESC';
  return { where, params, orderLimit: `ORDER BY ${column} ${order} LIMIT ${bounds.limit}` };
}

/** Only posts in the reader's chosen languages, as Mastodon's language_scope. */
export function languageCondition(languages: readonly string[] | null | undefined): {
  where: string[];
  params: SqlValue[];
} {
  if (!languages || languages.length === 0) return { where: [], params: [] };
  return { where: [`s.language IN (${placeholders(languages.length)})`], params: [...languages] };
}

/** Where this server's posts alone (`local`) or other servers' alone (`remote`) are asked. */
export function originCondition(filter: { local?: boolean; remote?: boolean }): string | null {
  if (filter.local && !filter.remote) return 's.local = TRUE';
  if (filter.remote && !filter.local) return 's.local = FALSE';
  return null;
}

export async function publicTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  filter: PublicTimelineFilter,
  page: Page,
): Promise<StatusRecord[]> {
  const origin = originCondition(filter);
  const language = languageCondition(filter.languages);
  // With `only_media` the scan is driven by the attachments' index instead: posts with media
  // are few, and walking every public post to find them would read the whole table.
  const source = filter.onlyMedia
    ? {
        select:
          'SELECT DISTINCT m.status_id AS id FROM media_attachments m JOIN statuses s ON s.id = m.status_id',
        column: 'm.status_id',
      }
    : { select: 'SELECT s.id FROM statuses s', column: 's.id' };
  return readFilteredPage(
    deps.db,
    page,
    async (bounds) => {
      const q = boundsSql(bounds, source.column);
      const where = [
        "s.visibility = 'public'",
        's.deleted_at IS NULL',
        's.reblog_of_id IS NULL',
        '(s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)',
        ...(origin ? [origin] : []),
        ...language.where,
        ...q.where,
      ];
      const rows = await deps.db.all<{ id: string | number }>(
        `${source.select} WHERE ${where.join(' AND ')} ${q.orderLimit}`,
        [...language.params, ...q.params],
      );
      return rows.map((r) => String(r.id));
    },
    (statuses) => visibleInPublic(deps, viewer, statuses),
  );
}

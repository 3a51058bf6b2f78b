/**
 * Batched reads for rendering statuses: what one viewer did with many statuses, and the
 * applications they were posted from. Each function is one query whatever the number of
 * statuses, so a page of 40 costs the same few queries as one status.
 */
import { placeholders, type Queryable } from '../database.ts';

export interface ViewerStatusFlags {
  favourited: Set<string>;
  bookmarked: Set<string>;
  pinned: Set<string>;
  /** Statuses the viewer boosted (ids of the boosted statuses). */
  reblogged: Set<string>;
  /** Conversations the viewer muted. */
  mutedConversations: Set<string>;
}

async function idSet(db: Queryable, sql: string, params: readonly string[]): Promise<Set<string>> {
  const rows = await db.all<{ id: string | number }>(sql, params);
  return new Set(rows.map((r) => String(r.id)));
}

/**
 * The viewer's favourites, bookmarks, pins and boosts among `statusIds`, and muted threads,
 * in one query (a round trip each would cost more than the lookups themselves).
 */
export async function findViewerStatusFlags(
  db: Queryable,
  viewerId: string,
  statusIds: readonly string[],
  conversationIds: readonly string[],
): Promise<ViewerStatusFlags> {
  const flags: ViewerStatusFlags = {
    favourited: new Set(),
    bookmarked: new Set(),
    pinned: new Set(),
    reblogged: new Set(),
    mutedConversations: new Set(),
  };
  if (statusIds.length === 0) return flags;
  const marks = placeholders(statusIds.length);
  const params = [viewerId, ...statusIds];
  const rows = await db.all<{ kind: keyof ViewerStatusFlags; id: string | number }>(
    `SELECT 'favourited' AS kind, status_id AS id FROM favourites
       WHERE account_id = ? AND status_id IN (${marks})
     UNION ALL SELECT 'bookmarked', status_id FROM bookmarks
       WHERE account_id = ? AND status_id IN (${marks})
     UNION ALL SELECT 'pinned', status_id FROM status_pins
       WHERE account_id = ? AND status_id IN (${marks})
     UNION ALL SELECT 'reblogged', reblog_of_id FROM statuses
       WHERE account_id = ? AND reblog_of_id IN (${marks}) AND deleted_at IS NULL
     ${
       conversationIds.length === 0
         ? ''
         : `UNION ALL SELECT 'mutedConversations', conversation_id FROM conversation_mutes
              WHERE account_id = ? AND conversation_id IN (${placeholders(conversationIds.length)})`
     }`,
    [
      ...params,
      ...params,
      ...params,
      ...params,
      ...(conversationIds.length === 0 ? [] : [viewerId, ...conversationIds]),
    ],
  );
  for (const row of rows) flags[row.kind].add(String(row.id));
  return flags;
}

export interface StatusApplication {
  name: string;
  website: string | null;
}

/** Name and website of each application, by id. */
export async function findApplicationsForStatuses(
  db: Queryable,
  applicationIds: readonly string[],
): Promise<Map<string, StatusApplication>> {
  const byId = new Map<string, StatusApplication>();
  if (applicationIds.length === 0) return byId;
  const rows = await db.all<{ id: string | number; name: string; website: string | null }>(
    `SELECT id, name, website FROM oauth_applications WHERE id IN (${placeholders(applicationIds.length)})`,
    applicationIds,
  );
  for (const r of rows) byId.set(String(r.id), { name: r.name, website: r.website || null });
  return byId;
}

/** Which of `statusIds` mention `accountId` (silent mentions included: they still grant access). */
export async function findStatusesMentioning(
  db: Queryable,
  accountId: string,
  statusIds: readonly string[],
): Promise<Set<string>> {
  if (statusIds.length === 0) return new Set();
  return idSet(
    db,
    `SELECT status_id AS id FROM mentions WHERE account_id = ? AND status_id IN (${placeholders(statusIds.length)})`,
    [accountId, ...statusIds],
  );
}

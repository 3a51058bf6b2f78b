/**
 * The ids of the posts sharing one preview card (Mastodon's LinkFeed): public, federated,
 * not boosts, by discoverable authors who are neither silenced nor suspended; newest first
 * within the bounds, optionally this server's alone. Read in the order of the card's index
 * (`preview_card_id, status_id`), so a much-shared link is not sorted whole.
 */
import type { Queryable, SqlValue } from '../database.ts';

export interface LinkTimelineQuery {
  cardId: string;
  localOnly: boolean;
  languages: readonly string[] | null;
  below: string | null;
  above: string | null;
  ascending: boolean;
  limit: number;
}

export async function linkTimelineIds(db: Queryable, q: LinkTimelineQuery): Promise<string[]> {
  const where = [
    'pcs.preview_card_id = ?',
    "s.visibility = 'public'",
    's.local_only = FALSE',
    's.deleted_at IS NULL',
    's.reblog_of_id IS NULL',
    'a.discoverable = TRUE',
    'a.silenced_at IS NULL',
    'a.suspended_at IS NULL',
  ];
  const params: SqlValue[] = [q.cardId];
  if (q.localOnly) where.push('s.local = TRUE');
  if (q.languages && q.languages.length > 0) {
    where.push(`s.language IN (${q.languages.map(() => '?').join(', ')})`);
    params.push(...q.languages);
  }
  if (q.below !== null) {
    where.push('pcs.status_id < ?');
    params.push(q.below);
  }
  if (q.above !== null) {
    where.push('pcs.status_id > ?');
    params.push(q.above);
  }
  const rows = await db.all<{ id: unknown }>(
    `SELECT pcs.status_id AS id FROM preview_cards_statuses pcs
       JOIN statuses s ON s.id = pcs.status_id JOIN accounts a ON a.id = s.account_id
      WHERE ${where.join(' AND ')}
      ORDER BY pcs.status_id ${q.ascending ? 'ASC' : 'DESC'} LIMIT ${Math.trunc(q.limit)}`,
    params,
  );
  return rows.map((r) => String(r.id));
}

/** Reads of the quotes of a status (statuses whose `quote_of_id` names it). */
import type { Queryable } from '../database.ts';
import { statusFromRow, type StatusRecord } from '../repositories/statuses.ts';

/** A page of the accepted quotes of `statusId`; `where` and `orderLimit` come from pageQuery. */
export async function findAcceptedQuotesPage(
  db: Queryable,
  statusId: string,
  page: { where: string[]; params: string[]; orderLimit: string },
): Promise<StatusRecord[]> {
  const rows = await db.all(
    `SELECT * FROM statuses
     WHERE quote_of_id = ? AND quote_state = 'accepted' AND deleted_at IS NULL${page.where.map((w) => ` AND ${w}`).join('')}
     ${page.orderLimit}`,
    [statusId, ...page.params],
  );
  return rows.map(statusFromRow);
}

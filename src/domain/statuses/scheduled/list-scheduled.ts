/** GET /api/v1/scheduled_statuses: the account's scheduled posts, a page at a time by id. */
import {
  listScheduledStatuses,
  type ScheduledStatusRecord,
} from '../../../db/repositories/scheduled-statuses.ts';
import type { Deps } from '../../context.ts';
import { newestFirst, pageQuery, type Page } from '../../pagination.ts';

export async function scheduledStatusesPage(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  page: Page,
): Promise<ScheduledStatusRecord[]> {
  const query = pageQuery(page, 'id');
  return newestFirst(await listScheduledStatuses(deps.db, accountId, query), query.ascending);
}

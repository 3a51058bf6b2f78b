/** DELETE /api/v1/scheduled_statuses/:id: the post will not be published. */
import { deleteScheduledStatus } from '../../../db/repositories/scheduled-statuses.ts';
import type { Deps } from '../../context.ts';
import { findOwnScheduledStatus } from './reschedule.ts';

export async function cancelScheduledStatus(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<void> {
  const record = await findOwnScheduledStatus(deps, accountId, id);
  await deleteScheduledStatus(deps.db, record.id);
}

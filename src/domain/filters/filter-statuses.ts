/**
 * The posts a filter holds one by one (/api/v2/filters/:id/statuses,
 * /api/v2/filters/statuses/:id), with CustomFilterStatus's 422s: the post must exist, the
 * owner must be allowed to see it, and a filter holds it once.
 */
import { notFound, unprocessable } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteFilterStatus,
  findFilter,
  findFilterStatus,
  insertFilterStatus,
  type FilterStatusRecord,
} from '../../db/repositories/filters.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';
import { findOwnFilter } from './find-filter.ts';

type SaveDeps = Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>;

export async function findOwnFilterStatus(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  id: string,
): Promise<FilterStatusRecord> {
  const row = isId(id) ? await findFilterStatus(deps.db, id) : null;
  const filter = row ? await findFilter(deps.db, row.filterId) : null;
  if (!row || !filter || filter.accountId !== ownerId) throw notFound();
  return row;
}

export async function addFilterStatus(
  deps: SaveDeps,
  owner: AccountRecord,
  filterId: string,
  statusId: string,
): Promise<FilterStatusRecord> {
  const filter = await findOwnFilter(deps.db, owner.id, filterId);
  const status = isId(statusId) ? await findStatusById(deps.db, statusId) : null;
  if (!status || status.deletedAt !== null) {
    throw unprocessable('Validation failed: Status must exist');
  }
  if (!(await checkAccess(deps, owner, [status])).canSee(status)) {
    throw unprocessable('Validation failed: Status is invalid');
  }
  const row: FilterStatusRecord = {
    id: deps.ids.next(),
    filterId: filter.id,
    statusId: status.id,
    createdAt: deps.clock.now(),
  };
  if (!(await insertFilterStatus(deps.db, row))) {
    throw unprocessable('Validation failed: Status has already been taken');
  }
  await deps.events.emit('filters.changed', { accountId: owner.id });
  return row;
}

export async function removeFilterStatus(
  deps: SaveDeps,
  ownerId: string,
  id: string,
): Promise<void> {
  const row = await findOwnFilterStatus(deps, ownerId, id);
  await deleteFilterStatus(deps.db, row.id);
  await deps.events.emit('filters.changed', { accountId: ownerId });
}

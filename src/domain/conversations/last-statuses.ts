/** The latest posts of a page of conversations, in the order of their ids. */
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { statusesInOrder } from '../timelines/filtered-page.ts';

export function statusesByIds(
  deps: Pick<Deps, 'db'>,
  ids: readonly string[],
): Promise<StatusRecord[]> {
  return statusesInOrder(deps.db, ids);
}

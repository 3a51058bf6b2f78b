/** DELETE /api/v1/lists/:id: the list, its members and its feed go. */
import { deleteList } from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { findOwnList } from './find-list.ts';

export async function removeList(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  id: string,
): Promise<void> {
  const list = await findOwnList(deps, ownerId, id);
  await deleteList(deps.db, list.id);
}

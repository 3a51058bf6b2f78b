/** A list as its owner sees it; anyone else's list, or none, is Mastodon's 404. */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { findList, type ListRecord } from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';

export async function findOwnList(
  deps: Pick<Deps, 'db'>,
  ownerId: string,
  id: string,
): Promise<ListRecord> {
  const list = isId(id) ? await findList(deps.db, id) : null;
  if (!list || list.accountId !== ownerId) throw notFound();
  return list;
}

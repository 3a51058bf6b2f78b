/** POST /api/v1/lists: a new, empty list (replies to list members by default, not exclusive). */
import { insertList, type ListRecord } from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { checkRepliesPolicy, checkTitle, type ListInput } from './list-input.ts';

export async function createList(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  ownerId: string,
  input: ListInput,
): Promise<ListRecord> {
  const now = deps.clock.now();
  const list: ListRecord = {
    id: deps.ids.next(),
    accountId: ownerId,
    title: checkTitle(input.title),
    repliesPolicy: checkRepliesPolicy(input.repliesPolicy ?? 'list'),
    exclusive: input.exclusive ?? false,
    // An empty list's feed is whole: empty.
    feedBuiltAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await insertList(deps.db, list);
  return list;
}

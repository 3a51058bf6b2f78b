/**
 * PUT /api/v1/lists/:id: changes what is given. A new replies policy changes which replies
 * the list's feed admits, so the feed is built again on its next read.
 */
import { setListFeedBuilt, updateList, type ListRecord } from '../../db/repositories/lists.ts';
import type { Deps } from '../context.ts';
import { findOwnList } from './find-list.ts';
import { checkRepliesPolicy, checkTitle, type ListInput } from './list-input.ts';
import { clearFeed } from '../../db/repositories/feed-entries.ts';

export async function changeList(
  deps: Pick<Deps, 'db' | 'clock'>,
  ownerId: string,
  id: string,
  input: ListInput,
): Promise<ListRecord> {
  const list = await findOwnList(deps, ownerId, id);
  const changed: ListRecord = {
    ...list,
    title: input.title === undefined || input.title === null ? list.title : checkTitle(input.title),
    repliesPolicy:
      input.repliesPolicy === undefined || input.repliesPolicy === null
        ? list.repliesPolicy
        : checkRepliesPolicy(input.repliesPolicy),
    exclusive: input.exclusive ?? list.exclusive,
    updatedAt: deps.clock.now(),
  };
  await deps.db.transaction(async (tx) => {
    await updateList(tx, list.id, changed);
    if (changed.repliesPolicy !== list.repliesPolicy) {
      await clearFeed(tx, 'list', list.id);
      await setListFeedBuilt(tx, list.id, null);
    }
  });
  return {
    ...changed,
    feedBuiltAt: changed.repliesPolicy !== list.repliesPolicy ? null : list.feedBuiltAt,
  };
}

/** A poll and its post, when the viewer may see the post (GET /api/v1/polls/:id). */
import { notFound } from '../../../core/errors.ts';
import { isId } from '../../../core/ids.ts';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import { findPollById, type PollRecord } from '../../../db/repositories/polls.ts';
import { findStatusById, type StatusRecord } from '../../../db/repositories/statuses.ts';
import type { Deps } from '../../context.ts';
import { checkAccess } from '../access.ts';

/** The poll, or Mastodon's 404 when it is missing, detached or its post hidden from the viewer. */
export async function findVisiblePoll(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  id: string,
): Promise<{ poll: PollRecord; status: StatusRecord }> {
  const poll = isId(id) ? await findPollById(deps.db, id) : null;
  const status = poll ? await findStatusById(deps.db, poll.statusId) : null;
  if (!poll || !status || status.pollId !== poll.id) throw notFound();
  if (!(await checkAccess(deps, viewer, [status])).canSee(status)) throw notFound();
  return { poll, status };
}

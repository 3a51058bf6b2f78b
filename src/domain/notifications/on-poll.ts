/**
 * A poll that ended notifies its author and every local account that voted in it (`poll`,
 * from the author: Mastodon's PollExpirationNotifyWorker). Remote voters hear of it through
 * federation.
 */
import { findPollById } from '../../db/repositories/polls.ts';
import { findLocalPollVoters } from '../../db/views/notification-audiences.ts';
import type { DomainEvents } from '../events.ts';
import { notify, type NotifyDeps } from './notify.ts';

export async function onPollClosed(
  deps: NotifyDeps,
  event: DomainEvents['poll.closed'],
  at: number,
): Promise<void> {
  const poll = await findPollById(deps.db, event.pollId);
  if (!poll) return;
  const recipients = new Set([poll.accountId, ...(await findLocalPollVoters(deps.db, poll.id))]);
  for (const recipientId of recipients) {
    await notify(deps, recipientId, {
      type: 'poll',
      fromAccountId: poll.accountId,
      statusId: poll.statusId,
      reportId: null,
      at,
    });
  }
}

/**
 * A remote account boosts a post (Mastodon's ActivityPub::Activity::Announce): the boost is
 * stored as a status of that account pointing at the post, the post's `reblogs_count`
 * moves, and `status.reblogged` tells notifications and timelines, as a local boost does.
 * Only public and unlisted posts can be boosted, and an author's own followers-only post by
 * its author (to the same followers, as a local self-boost and as Mastodon's `announceable?`);
 * a boost delivered twice is stored once (the unique `uri`, and one live boost per account
 * and post).
 */
import { isUniqueViolation } from '../../db/database.ts';
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findReblog } from '../../db/repositories/reblogs.ts';
import {
  bumpStatusCounter,
  findStatusByUri,
  insertStatus,
  type StatusRecord,
  type Visibility,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { isDistributable } from './write-status.ts';

export interface RemoteReblogInput {
  /** The ActivityPub id of the Announce. */
  uri: string;
  booster: AccountRecord;
  boosted: StatusRecord;
  visibility: Visibility;
  createdAt: number;
}

export async function createRemoteReblog(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>,
  input: RemoteReblogInput,
): Promise<StatusRecord | null> {
  const { booster, boosted } = input;
  const ownPrivate = boosted.visibility === 'private' && boosted.accountId === booster.id;
  if (boosted.deletedAt !== null || boosted.reblogOfId !== null) return null;
  if (!isDistributable(boosted) && !ownPrivate) return null;
  const existing =
    (await findStatusByUri(deps.db, input.uri)) ??
    (await findReblog(deps.db, booster.id, boosted.id));
  if (existing) return existing;
  const now = deps.clock.now();
  const boost: StatusRecord = {
    id: deps.ids.next(),
    accountId: booster.id,
    uri: input.uri,
    url: input.uri,
    local: false,
    localOnly: false,
    visibility: ownPrivate ? 'private' : input.visibility === 'public' ? 'public' : 'unlisted',
    text: '',
    contentType: 'text/plain',
    content: '',
    spoilerText: '',
    sensitive: false,
    language: null,
    inReplyToId: null,
    inReplyToAccountId: null,
    reblogOfId: boosted.id,
    quoteOfId: null,
    quoteState: null,
    quoteApprovalPolicy: 'nobody',
    conversationId: null,
    applicationId: null,
    pollId: null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: null,
    deletedAt: null,
    createdAt: input.createdAt,
    updatedAt: now,
  };
  try {
    // The boost and the jobs its event makes (feeds, notifications) commit together.
    await transactionWithEvents(deps, async (tx, emit) => {
      await insertStatus(tx, boost);
      await bumpStatusCounter(tx, boosted.id, 'reblogs_count', 1);
      await bumpStatusesCount(tx, booster.id, 1, now);
      await emit('status.reblogged', {
        statusId: boost.id,
        reblogOfId: boosted.id,
        accountId: booster.id,
        targetAccountId: boosted.accountId,
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return (
      (await findStatusByUri(deps.db, input.uri)) ?? findReblog(deps.db, booster.id, boosted.id)
    );
  }
  return boost;
}

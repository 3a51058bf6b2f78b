/**
 * Writes a new local post and everything that belongs to it (its conversation, poll,
 * mentions, tags and the counters it moves) inside the caller's transaction, so that a post
 * is either wholly there or not at all. Its event is recorded in that transaction
 * (domain/transaction.ts) and heard, like its poll's closing job, once it has committed.
 */
import type { Queryable } from '../../db/database.ts';
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import { insertMentions } from '../../db/repositories/mentions.ts';
import { insertPoll } from '../../db/repositories/polls.ts';
import {
  bumpStatusCounter,
  insertStatus,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { EmitInTransaction } from '../transaction.ts';
import type { StatusDraft } from './draft.ts';
import { setStatusTags } from './hashtags.ts';
import { pollExpiresAt } from './polls/poll-input.ts';
import { enqueuePollClosing } from './polls/close-poll.ts';
import { newLocalQuoteState } from './quote-policy.ts';
import { hasCardLink } from '../preview-cards/links.ts';

/** The ActivityPub id and the web address of a local post. */
export function localStatusUris(baseUrl: string, username: string, id: string) {
  return {
    uri: `${baseUrl}/users/${username}/statuses/${id}`,
    url: `${baseUrl}/@${username}/${id}`,
  };
}

/** Public and unlisted posts count as replies on their parent (Mastodon's `distributable?`). */
export const isDistributable = (status: Pick<StatusRecord, 'visibility'>): boolean =>
  status.visibility === 'public' || status.visibility === 'unlisted';

/**
 * Mastodon carries the addressee over a self-reply: answering one's own reply to someone
 * still replies to that someone.
 */
function inReplyToAccountId(draft: StatusDraft): string | null {
  const thread = draft.thread;
  if (!thread) return null;
  if (thread.accountId === draft.account.id && thread.inReplyToAccountId !== null) {
    return thread.inReplyToAccountId;
  }
  return thread.accountId;
}

export async function writeNewStatus(
  tx: Queryable,
  deps: Pick<Deps, 'ids' | 'config'>,
  draft: StatusDraft,
  now: number,
): Promise<StatusRecord> {
  const id = deps.ids.next();
  let conversationId = draft.thread?.conversationId ?? null;
  if (conversationId === null) {
    conversationId = deps.ids.next();
    await tx.run('INSERT INTO conversations (id, uri, created_at) VALUES (?, NULL, ?)', [
      conversationId,
      now,
    ]);
  }
  const pollId = draft.poll ? deps.ids.next() : null;
  const status: StatusRecord = {
    id,
    accountId: draft.account.id,
    ...localStatusUris(deps.config.baseUrl, draft.account.username, id),
    local: true,
    localOnly: draft.localOnly,
    visibility: draft.visibility,
    text: draft.text,
    contentType: draft.contentType,
    content: draft.content,
    spoilerText: draft.spoilerText,
    sensitive: draft.sensitive,
    language: draft.language,
    inReplyToId: draft.thread?.id ?? null,
    inReplyToAccountId: inReplyToAccountId(draft),
    reblogOfId: null,
    quoteOfId: draft.quoted?.id ?? null,
    quoteState: draft.quoted ? newLocalQuoteState(draft.quoted) : null,
    quoteApprovalPolicy: draft.quoteApprovalPolicy,
    conversationId,
    applicationId: draft.applicationId,
    pollId,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  await insertStatus(tx, status);
  if (draft.poll && pollId) {
    await insertPoll(tx, {
      id: pollId,
      statusId: id,
      accountId: draft.account.id,
      options: draft.poll.options,
      cachedTallies: draft.poll.options.map(() => 0),
      multiple: draft.poll.multiple,
      hideTotals: draft.poll.hideTotals,
      votesCount: 0,
      votersCount: 0,
      expiresAt: pollExpiresAt(draft.poll, now),
      closedNotifiedAt: null,
      lastFetchedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  await insertMentions(
    tx,
    draft.mentions.accounts.map((account) => ({
      id: deps.ids.next(),
      statusId: id,
      accountId: account.id,
      silent: false,
      createdAt: now,
    })),
  );
  await setStatusTags(tx, deps.ids, id, draft.tagNames, now);
  // Mastodon's increment_counter_caches: direct messages count nowhere.
  if (status.visibility !== 'direct') {
    await bumpStatusesCount(tx, status.accountId, 1, now);
    if (draft.thread && isDistributable(status)) {
      await bumpStatusCounter(tx, draft.thread.id, 'replies_count', 1);
    }
  }
  if (draft.quoted && status.quoteState === 'accepted') {
    await bumpStatusCounter(tx, draft.quoted.id, 'quotes_count', 1);
  }
  return status;
}

/** Emits a new local post's event, inside the transaction that wrote it. */
export async function emitStatusCreated(
  emit: EmitInTransaction,
  status: StatusRecord,
): Promise<void> {
  await emit('status.created', {
    statusId: status.id,
    accountId: status.accountId,
    local: true,
    linked: hasCardLink(status.content),
  });
}

/** What follows a committed new post: the job that will close its poll. */
export async function afterStatusCreated(
  deps: Pick<Deps, 'queue' | 'clock' | 'log'>,
  status: StatusRecord,
  pollEndsAt: number | null,
): Promise<void> {
  if (status.pollId !== null && pollEndsAt !== null) {
    await enqueuePollClosing(deps, status.pollId, pollEndsAt);
  }
}

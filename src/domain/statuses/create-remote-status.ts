/**
 * A post from another server arrives (Mastodon's ActivityPub::Activity::Create for a Note):
 * it is stored with its author, thread, mentions and hashtags, and `status.created` tells
 * timelines and notifications, as for a local post. Delivering the same post twice stores
 * it once: the unique `uri` decides, and "already there" is success.
 *
 * The federation layer has converted the Note and sanitized its HTML; nothing here knows
 * ActivityPub.
 */
import { bumpStatusesCount } from '../../db/repositories/account-stats.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { insertMentions } from '../../db/repositories/mentions.ts';
import {
  bumpStatusCounter,
  findStatusByUri,
  insertStatus,
  type QuotePolicy,
  type QuoteState,
  type StatusRecord,
  type Visibility,
} from '../../db/repositories/statuses.ts';
import { insertPoll } from '../../db/repositories/polls.ts';
import { insertMediaAttachment } from '../../db/repositories/media-attachments.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { rejectsMediaFrom } from '../domain-blocks/rules.ts';
import {
  cacheRemoteAttachments,
  remoteAttachmentRecords,
  type RemoteAttachmentInput,
} from '../remote-media/record-attachments.ts';
import { attachRemotePoll, newRemotePoll, type RemotePollInput } from './polls/remote-poll.ts';
import { hasCardLink } from '../preview-cards/links.ts';
import { setStatusTags } from './hashtags.ts';
import { isDistributable } from './write-status.ts';

export interface RemoteStatusInput {
  uri: string;
  url: string | null;
  author: AccountRecord;
  /** Sanitized HTML. */
  content: string;
  spoilerText: string;
  sensitive: boolean;
  language: string | null;
  visibility: Visibility;
  /** The ActivityPub id of the post it answers; kept as a reply only when Woolly has it. */
  inReplyToUri: string | null;
  /** The accounts Woolly knows among those it mentions. */
  mentionedAccountIds: string[];
  tagNames: string[];
  createdAt: number;
  editedAt: number | null;
  /** The poll it carries (a Question), if any. */
  poll?: RemotePollInput | null;
  /** The post it quotes, as resolved and decided (quote-remote.ts); only accepted ones count. */
  quote?: { statusId: string | null; state: QuoteState } | null;
  /** Who may quote it without asking, as its server states it (public when not given). */
  quoteApprovalPolicy?: QuotePolicy;
  /** Its attachments as the sender described them (files are fetched by the media cache). */
  attachments?: readonly RemoteAttachmentInput[];
}

export async function createRemoteStatus(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events' | 'config' | 'queue'>,
  input: RemoteStatusInput,
): Promise<StatusRecord> {
  const existing = await findStatusByUri(deps.db, input.uri);
  if (existing) {
    // Stored before as a plain Note (fetched from an outbox): its Question brings the poll.
    return input.poll && existing.pollId === null && existing.deletedAt === null
      ? attachRemotePoll(deps, existing, input.poll)
      : existing;
  }
  const parent = input.inReplyToUri ? await findStatusByUri(deps.db, input.inReplyToUri) : null;
  const thread = parent && parent.deletedAt === null ? parent : null;
  const now = deps.clock.now();
  const id = deps.ids.next();
  const status: StatusRecord = {
    id,
    accountId: input.author.id,
    uri: input.uri,
    url: input.url,
    local: false,
    localOnly: false,
    visibility: input.visibility,
    text: '',
    contentType: 'text/html',
    content: input.content,
    spoilerText: input.spoilerText,
    sensitive: input.sensitive,
    language: input.language,
    inReplyToId: thread?.id ?? null,
    inReplyToAccountId: thread?.accountId ?? null,
    reblogOfId: null,
    quoteOfId: input.quote?.statusId ?? null,
    quoteState: input.quote?.state ?? null,
    quoteApprovalPolicy: input.quoteApprovalPolicy ?? 'public',
    conversationId: thread?.conversationId ?? null,
    applicationId: null,
    pollId: input.poll ? deps.ids.next() : null,
    repliesCount: 0,
    reblogsCount: 0,
    favouritesCount: 0,
    quotesCount: 0,
    editedAt: input.editedAt,
    deletedAt: null,
    createdAt: input.createdAt,
    updatedAt: now,
  };
  // Recorded with the post, so that its first `update` event and API read carry them.
  const rejectMedia = await rejectsMediaFrom(deps, input.author.domain);
  const media = remoteAttachmentRecords(deps, status, input.attachments ?? [], { rejectMedia });
  // The post and the jobs its event makes (feeds, notifications, search) commit together.
  const linked = hasCardLink(status.content);
  const written = await transactionWithEvents(deps, async (tx, emit) => {
    if (status.conversationId === null) {
      status.conversationId = deps.ids.next();
      await tx.run('INSERT INTO conversations (id, uri, created_at) VALUES (?, NULL, ?)', [
        status.conversationId,
        now,
      ]);
    }
    await insertStatus(tx, status);
    if (input.poll && status.pollId) {
      await insertPoll(tx, newRemotePoll(status.pollId, status, input.poll, now));
    }
    await insertMentions(
      tx,
      [...new Set(input.mentionedAccountIds)].map((accountId) => ({
        id: deps.ids.next(),
        statusId: id,
        accountId,
        silent: false,
        createdAt: now,
      })),
    );
    await setStatusTags(tx, deps.ids, id, input.tagNames, now, { isNew: true });
    if (status.quoteOfId !== null && status.quoteState === 'accepted') {
      await bumpStatusCounter(tx, status.quoteOfId, 'quotes_count', 1);
    }
    for (const record of media) await insertMediaAttachment(tx, record);
    if (status.visibility !== 'direct') {
      await bumpStatusesCount(tx, status.accountId, 1, now);
      if (thread && isDistributable(status)) {
        await bumpStatusCounter(tx, thread.id, 'replies_count', 1);
      }
    }
    await emit('status.created', {
      statusId: id,
      accountId: input.author.id,
      local: false,
      linked,
    });
    return true;
  }).catch(async (error: unknown) => {
    // Delivered twice at once: the other delivery stored it.
    if (await findStatusByUri(deps.db, input.uri)) return false;
    throw error;
  });
  if (!written) return (await findStatusByUri(deps.db, input.uri))!;
  if (!rejectMedia) await cacheRemoteAttachments(deps, media);
  return status;
}

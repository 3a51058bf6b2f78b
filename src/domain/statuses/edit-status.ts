/**
 * EditStatus (Mastodon's UpdateStatusService, PUT /api/v1/statuses/:id): the author rewrites
 * a post. Every field is taken from the request, a missing one as empty (so an edit without a
 * poll removes the poll). The first edit also records the original version; an edit that
 * changes nothing records nothing. Everything is written in one transaction.
 */
import { AppError, notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { Queryable } from '../../db/database.ts';
import {
  findMentionsByStatusIds,
  insertMentions,
  setMentionsSilent,
} from '../../db/repositories/mentions.ts';
import {
  deletePoll,
  deletePollVotes,
  findPollById,
  insertPoll,
  updatePoll,
  type PollRecord,
} from '../../db/repositories/polls.ts';
import { countStatusEdits, insertStatusEdit } from '../../db/repositories/status-edits.ts';
import {
  findStatusById,
  quotePolicies,
  updateStatus,
  type QuotePolicy,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { transactionWithEvents } from '../transaction.ts';
import { getSettings } from '../instance/settings.ts';
import { isSupportedLanguage } from '../languages.ts';
import { isContentType, renderStatusContent, type ContentType } from './content.ts';
import type { Poster } from './draft.ts';
import { disallowedTags, disallowedTagsMessage, hashtagNames, setStatusTags } from './hashtags.ts';
import {
  attachMediaToStatus,
  detachMediaFromStatus,
  findMediaByStatusIds,
} from '../../db/repositories/media-attachments.ts';
import { findMediaForPost } from './media.ts';
import { resolveMentions, type ResolvedMentions } from './mentions.ts';
import { enqueuePollClosing } from './polls/close-poll.ts';
import { pollExpiresAt, validatePoll, type PollInput } from './polls/poll-input.ts';
import { countStatusLength } from './text/length.ts';
import { isBlank, stripStatusText } from './text/whitespace.ts';
import { ValidationErrors } from './validation-errors.ts';

/** What PUT /api/v1/statuses/:id sends; null for what the request leaves out. */
export interface StatusEditInput {
  text: string | null;
  spoilerText: string | null;
  sensitive: boolean | null;
  language: string | null;
  poll: PollInput | null;
  mediaIds: string[] | null;
  contentType: string | null;
  quoteApprovalPolicy: string | null;
}

/** The author's own post, or 404 (someone else's post is answered as missing). */
export async function findOwnStatus(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  id: string,
): Promise<StatusRecord> {
  const status = isId(id) ? await findStatusById(deps.db, id) : null;
  if (!status || status.accountId !== accountId) throw notFound();
  return status;
}

const languageOrNull = (value: string | null): string | null => {
  if (!value) return null;
  if (isSupportedLanguage(value)) return value;
  const code = value.split(/[_-]/)[0] ?? '';
  return isSupportedLanguage(code) ? code : null;
};

interface PollChange {
  /** The poll after the edit, or null when it has none. */
  next: PollRecord | null;
  previous: PollRecord | null;
  /** Options or the kind of poll changed: the votes so far no longer apply. */
  resetVotes: boolean;
  changed: boolean;
}

function planPoll(
  deps: Pick<Deps, 'ids'>,
  status: StatusRecord,
  previous: PollRecord | null,
  input: PollInput | null,
  now: number,
): PollChange {
  if (!input) return { next: null, previous, resetVotes: false, changed: previous !== null };
  const resetVotes =
    previous === null ||
    JSON.stringify(previous.options) !== JSON.stringify(input.options) ||
    previous.multiple !== input.multiple;
  const expiresAt = pollExpiresAt(input, now);
  const base: PollRecord = previous ?? {
    id: deps.ids.next(),
    statusId: status.id,
    accountId: status.accountId,
    options: [],
    cachedTallies: [],
    multiple: false,
    hideTotals: false,
    votesCount: 0,
    votersCount: 0,
    expiresAt: null,
    closedNotifiedAt: null,
    lastFetchedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  const next: PollRecord = {
    ...base,
    options: input.options,
    multiple: input.multiple,
    hideTotals: input.hideTotals,
    expiresAt,
    closedNotifiedAt: expiresAt !== null && expiresAt > now ? null : base.closedNotifiedAt,
    updatedAt: now,
    ...(resetVotes
      ? { cachedTallies: input.options.map(() => 0), votesCount: 0, votersCount: 0 }
      : {}),
  };
  return {
    next,
    previous,
    resetVotes,
    changed: resetVotes || previous?.expiresAt !== expiresAt,
  };
}

/** New mentions are made; ones edited out become silent (who was told keeps access). */
async function updateMentions(
  tx: Queryable,
  deps: Pick<Deps, 'ids'>,
  statusId: string,
  mentions: ResolvedMentions,
  now: number,
): Promise<void> {
  const existing = await findMentionsByStatusIds(tx, [statusId]);
  const current = new Set(mentions.accounts.map((a) => a.id));
  const known = new Map(existing.map((m) => [m.accountId, m]));
  await insertMentions(
    tx,
    mentions.accounts
      .filter((a) => !known.has(a.id))
      .map((a) => ({
        id: deps.ids.next(),
        statusId,
        accountId: a.id,
        silent: false,
        createdAt: now,
      })),
  );
  await setMentionsSilent(
    tx,
    statusId,
    existing.filter((m) => m.silent && current.has(m.accountId)).map((m) => m.accountId),
    false,
  );
  await setMentionsSilent(
    tx,
    statusId,
    existing.filter((m) => !m.silent && !current.has(m.accountId)).map((m) => m.accountId),
    true,
  );
}

export async function editStatus(
  deps: Deps,
  editor: Poster,
  id: string,
  input: StatusEditInput,
): Promise<StatusRecord> {
  const status = await findOwnStatus(deps, editor.account.id, id);
  if (status.reblogOfId !== null) throw new AppError(403, 'This action is not allowed');
  const previousMedia = (await findMediaByStatusIds(deps.db, [status.id])).map((m) => m.id);
  // Absent `media_ids` keeps the attachments; an empty list removes them (Mastodon's
  // `@options.key?(:media_ids)`).
  const nextMedia =
    input.mediaIds === null
      ? previousMedia
      : (await findMediaForPost(deps, editor.account.id, input.mediaIds, status.id)).map(
          (m) => m.id,
        );
  const mediaChanged = nextMedia.join(',') !== previousMedia.join(',');
  const now = deps.clock.now();

  // update_immediate_attributes!: a blank text is replaced by the content warning sent, which
  // is then taken as the text rather than as a warning (the post keeps its old warning).
  const textBlank = isBlank(input.text ?? '');
  const text = stripStatusText(textBlank ? (input.spoilerText ?? '') : input.text!);
  const spoilerText = textBlank ? status.spoilerText : stripStatusText(input.spoilerText ?? '');
  const sensitive = (input.sensitive ?? false) || (!textBlank && !isBlank(input.spoilerText ?? ''));
  const language =
    languageOrNull(input.language) ??
    status.language ??
    languageOrNull(editor.user?.locale ?? null);
  const contentType = input.contentType ?? status.contentType;
  const quotePolicy = input.quoteApprovalPolicy || status.quoteApprovalPolicy;

  const previousPoll = status.pollId ? await findPollById(deps.db, status.pollId) : null;
  const poll = planPoll(deps, status, previousPoll, input.poll, now);
  if (input.poll) {
    // The poll is saved before the post, so its errors come alone and unprefixed.
    const pollErrors = new ValidationErrors();
    validatePoll(pollErrors, '', input.poll, now);
    pollErrors.throwIfAny();
  }

  const changed =
    text !== status.text ||
    spoilerText !== status.spoilerText ||
    sensitive !== status.sensitive ||
    language !== status.language ||
    contentType !== status.contentType ||
    quotePolicy !== status.quoteApprovalPolicy ||
    poll.changed ||
    mediaChanged;
  if (!changed) return status;

  const errors = new ValidationErrors();
  if (isBlank(text) && status.quoteOfId === null && nextMedia.length === 0) {
    errors.add('text', "can't be blank");
  }
  const max = (await getSettings(deps)).max_status_characters;
  if (countStatusLength(text, spoilerText) > max) {
    errors.add('text', `character limit of ${max} exceeded`);
  }
  const tagNames = hashtagNames(text);
  const disallowed = disallowedTagsMessage(await disallowedTags(deps.db, tagNames));
  if (disallowed) errors.add('text', disallowed);
  if (!isContentType(contentType)) errors.add('content_type', 'is not included in the list');
  if (!(quotePolicies as readonly string[]).includes(quotePolicy)) {
    errors.add('quote_approval_policy', 'is not included in the list');
  }
  errors.throwIfAny();

  const mentions = await resolveMentions(deps, status.accountId, text);
  const content = await renderStatusContent(
    deps.config.baseUrl,
    text,
    contentType as ContentType,
    mentions,
  );
  const edited: StatusRecord = {
    ...status,
    text,
    content,
    spoilerText,
    sensitive,
    language,
    contentType,
    quoteApprovalPolicy: quotePolicy as QuotePolicy,
    pollId: poll.next?.id ?? null,
    editedAt: now,
    updatedAt: now,
  };

  await transactionWithEvents(deps, async (tx, emit) => {
    if ((await countStatusEdits(tx, status.id)) === 0) {
      await insertStatusEdit(tx, {
        id: deps.ids.next(),
        statusId: status.id,
        accountId: status.accountId,
        text: status.text,
        content: status.content,
        spoilerText: status.spoilerText,
        sensitive: status.sensitive,
        mediaAttachmentIds: previousMedia,
        pollOptions: previousPoll?.options ?? null,
        quoteOfId: status.quoteOfId,
        createdAt: status.createdAt,
      });
    }
    if (poll.next && poll.previous) {
      if (poll.resetVotes) await deletePollVotes(tx, poll.previous.id);
      await updatePoll(tx, poll.next);
    } else if (poll.next) {
      await insertPoll(tx, poll.next);
    } else if (poll.previous) {
      await deletePoll(tx, poll.previous.id);
    }
    await updateStatus(tx, status.id, {
      text,
      content,
      spoilerText,
      sensitive,
      language,
      contentType,
      quoteApprovalPolicy: edited.quoteApprovalPolicy,
      pollId: edited.pollId,
      editedAt: now,
      updatedAt: now,
    });
    await updateMentions(tx, deps, status.id, mentions, now);
    if (mediaChanged) {
      await detachMediaFromStatus(tx, status.id, nextMedia, now);
      await attachMediaToStatus(tx, nextMedia, status.id, now);
    }
    await setStatusTags(tx, deps.ids, status.id, tagNames, now);
    await insertStatusEdit(tx, {
      id: deps.ids.next(),
      statusId: status.id,
      accountId: editor.account.id,
      text,
      content,
      spoilerText,
      sensitive,
      mediaAttachmentIds: nextMedia,
      pollOptions: poll.next?.options ?? null,
      quoteOfId: status.quoteOfId,
      createdAt: now,
    });
    await emit('status.updated', { statusId: status.id, accountId: status.accountId, local: true });
  });

  if (poll.next && poll.next.expiresAt !== null && poll.changed) {
    await enqueuePollClosing(deps, poll.next.id, poll.next.expiresAt);
  }
  return edited;
}

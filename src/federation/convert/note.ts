/**
 * A local post as the Note Mastodon publishes: its HTML, content warning, addressing,
 * mentions, hashtags and custom emojis as tags, the post it answers, and its edit time.
 */
import type { Context } from '@fedify/fedify';
import { type Collection, Document, Hashtag, Mention, Note } from '@fedify/vocab';
import { LanguageString } from '@fedify/vocab-runtime';
import { Temporal } from '@js-temporal/polyfill';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import { findMediaByStatusIds } from '../../db/repositories/media-attachments.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import { findPollById, type PollRecord } from '../../db/repositories/polls.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import { findTagsByStatusIds } from '../../db/repositories/tags.ts';
import type { Deps } from '../../domain/context.ts';
import { emojisOfStatuses, emojiTextsOfStatus } from '../../domain/custom-emojis/status-emojis.ts';
import { mediaView, type MediaView } from '../../domain/media-attachments/media-view.ts';
import { addressing } from './addressing.ts';
import { toEmoji } from './emoji.ts';
import {
  contentWithQuoteFallback,
  loadQuoteNoteParts,
  quoteNoteValues,
  type QuoteNoteParts,
} from './quote-note.ts';
import { embeddedRepliesSize, repliesCollection } from './replies.ts';

export interface NoteParts {
  status: StatusRecord;
  author: AccountRecord;
  /** The accounts it mentions (silent mentions left out, as Mastodon does). */
  mentioned: AccountRecord[];
  tagNames: string[];
  inReplyToUri: string | null;
  /** Its attachments whose files are ready. */
  media: MediaView[];
  /** The post it quotes, when the quote is accepted (quote-note.ts). */
  quote?: QuoteNoteParts | null;
  /** Its `replies` collection, with the author's first own replies. */
  replies: Collection;
  /** Its poll, when it has one (the post is then a Question, question.ts). */
  poll: PollRecord | null;
  /** The local custom emojis its text, content warning and poll options use. */
  emojis: CustomEmojiRecord[];
}

/** Everything a Note of `status` shows, read in a few queries. */
export async function loadNoteParts(
  deps: Pick<Deps, 'db' | 'config'>,
  status: StatusRecord,
  author: AccountRecord,
): Promise<NoteParts> {
  const [mentions, tags, parent, media, quote, replies, poll] = await Promise.all([
    findMentionsByStatusIds(deps.db, [status.id]),
    findTagsByStatusIds(deps.db, [status.id]),
    status.inReplyToId ? findStatusById(deps.db, status.inReplyToId) : Promise.resolve(null),
    findMediaByStatusIds(deps.db, [status.id]),
    loadQuoteNoteParts(deps, status),
    repliesCollection(deps.db, status, embeddedRepliesSize),
    status.pollId === null ? Promise.resolve(null) : findPollById(deps.db, status.pollId),
  ]);
  const emojis = await emojisOfStatuses(deps, [
    { statusId: status.id, domain: author.domain, texts: emojiTextsOfStatus(status, poll) },
  ]);
  const mentioned = await findAccountsByIds(
    deps.db,
    mentions.filter((m) => !m.silent).map((m) => m.accountId),
  );
  return {
    status,
    author,
    mentioned,
    tagNames: (tags.get(status.id) ?? []).map((t) => t.name),
    inReplyToUri: parent?.uri ?? null,
    media: media.map((m) => mediaView(deps.config, m)).filter((m) => m.url !== null),
    quote,
    replies,
    poll,
    emojis: emojis.get(status.id) ?? [],
  };
}

const acct = (account: AccountRecord) =>
  account.domain === null ? account.username : `${account.username}@${account.domain}`;

export function toNote(ctx: Context<Deps>, parts: NoteParts): Note {
  return new Note(noteValues(ctx, parts));
}

/** What a Note of the post holds; a Question (convert/question.ts) holds the same and more. */
export function noteValues(ctx: Context<Deps>, parts: NoteParts) {
  const { status, author } = parts;
  const content = contentWithQuoteFallback(status.content, parts.quote ?? null);
  const audience = addressing(
    status.visibility,
    ctx.getFollowersUri(author.username),
    parts.mentioned.map((a) => new URL(a.uri)),
  );
  return {
    id: new URL(status.uri),
    attribution: ctx.getActorUri(author.username),
    tos: audience.to,
    ccs: audience.cc,
    // Mastodon sends the language as a one-entry contentMap beside the plain content.
    contents: status.language ? [content, new LanguageString(content, status.language)] : [content],
    summary: status.spoilerText === '' ? null : status.spoilerText,
    sensitive: status.sensitive,
    url: status.url ? new URL(status.url) : null,
    replyTarget: parts.inReplyToUri ? new URL(parts.inReplyToUri) : null,
    published: Temporal.Instant.fromEpochMilliseconds(status.createdAt),
    updated:
      status.editedAt === null ? null : Temporal.Instant.fromEpochMilliseconds(status.editedAt),
    attachments: parts.media.map(toDocument),
    ...quoteNoteValues(ctx, status, author, parts.quote ?? null),
    replies: parts.replies,
    tags: [
      ...parts.mentioned.map((a) => new Mention({ href: new URL(a.uri), name: `@${acct(a)}` })),
      ...parts.tagNames.map(
        (name) =>
          new Hashtag({
            href: new URL(`${ctx.origin}/tags/${encodeURIComponent(name)}`),
            name: `#${name}`,
          }),
      ),
      ...parts.emojis.map((emoji) => toEmoji(ctx, emoji)),
    ],
  };
}

/** An attachment as Mastodon federates it: a Document with its type, size and description. */
function toDocument(view: MediaView): Document {
  const { attachment } = view;
  const original = attachment.meta.original as { width?: unknown; height?: unknown } | undefined;
  const dimension = (v: unknown) => (typeof v === 'number' ? v : null);
  return new Document({
    url: new URL(view.url!),
    mediaType: attachment.fileContentType,
    name: attachment.description === '' ? null : attachment.description,
    width: dimension(original?.width),
    height: dimension(original?.height),
  });
}

/**
 * Mastodon's Status entity (REST::StatusSerializer), with its Status::Mention, Status::Tag,
 * Quote / ShallowQuote and QuoteApproval parts. What only a signed-in viewer gets
 * (favourited, reblogged, muted, bookmarked, filtered) is left out for anonymous ones;
 * `filtered` lists the viewer's matching filters (see domain/filters/match.ts);
 * `pinned` appears only on the viewer's own pinnable posts. A deleted post is rendered with
 * its source `text` instead of `content`, for redrafting.
 */
import { serializeCustomEmoji } from './custom-emoji.ts';
import type { StatusView } from '../../../domain/statuses/status-views.ts';
import { automaticQuoteAudiences } from '../../../domain/statuses/quote-policy.ts';
import { serializeAccount, type AccountJson } from './account.ts';
import { serializeMediaAttachment, type MediaAttachmentJson } from './media-attachment.ts';
import type { CustomEmojiJson } from './custom-emoji.ts';
import { serializePoll, type PollJson } from './poll.ts';
import { serializePreviewCard, type PreviewCardJson } from './preview-card.ts';
import { serializeFilterResult, type FilterResultJson } from './filter-result.ts';

export interface StatusMentionJson {
  id: string;
  username: string;
  url: string;
  acct: string;
}

export interface StatusTagJson {
  name: string;
  url: string;
}

export interface QuoteJson {
  state: string;
  quoted_status: StatusJson | null;
}

export interface ShallowQuoteJson {
  state: string;
  quoted_status_id: string | null;
}

export interface QuoteApprovalJson {
  automatic: string[];
  manual: string[];
  current_user: string;
}

export interface StatusJson {
  id: string;
  created_at: string;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  sensitive: boolean;
  spoiler_text: string;
  visibility: string;
  language: string | null;
  uri: string;
  url: string | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  quotes_count: number;
  edited_at: string | null;
  favourited?: boolean;
  reblogged?: boolean;
  muted?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  /** The viewer's filters the status matches. */
  filtered?: FilterResultJson[];
  content?: string;
  text: string | null;
  /** glitch-soc's flag: the post does not leave this server. */
  local_only?: boolean;
  reblog: StatusJson | null;
  application?: { name: string; website: string | null };
  account: AccountJson;
  media_attachments: MediaAttachmentJson[];
  mentions: StatusMentionJson[];
  tags: StatusTagJson[];
  emojis: CustomEmojiJson[];
  quote: QuoteJson | ShallowQuoteJson | null;
  quote_approval: QuoteApprovalJson;
  card: PreviewCardJson | null;
  poll: PollJson | null;
  tagged_collections: never[];
  /** Pleroma's and Akkoma's emoji reactions, present when the status has any. */
  pleroma?: { emoji_reactions: EmojiReactionJson[] };
}

/** One emoji's reactions to a status, as Pleroma lists them (`url` for a custom emoji). */
export interface EmojiReactionJson {
  name: string;
  count: number;
  me: boolean;
  url?: string;
  static_url?: string;
}

export interface StatusContext {
  baseUrl: string;
  viewerId: string | null;
  now: number;
  /** DELETE answers with the source for redrafting (`text`, no `content`). */
  sourceRequested?: boolean;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function serializeStatus(view: StatusView, context: StatusContext): StatusJson {
  const { status } = view;
  const signedIn = context.viewerId !== null && view.viewer !== null;
  const own = context.viewerId === status.accountId;
  const json: StatusJson = {
    id: status.id,
    created_at: new Date(status.createdAt).toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: status.inReplyToAccountId,
    sensitive: status.sensitive,
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: status.uri,
    url: status.url,
    replies_count: status.repliesCount,
    reblogs_count: status.reblogsCount,
    favourites_count: status.favouritesCount,
    quotes_count: status.quotesCount,
    edited_at: iso(status.editedAt),
    text: context.sourceRequested ? status.text : null,
    reblog: null,
    account: serializeAccount(view.account, context.baseUrl),
    media_attachments: view.media.map(serializeMediaAttachment),
    mentions: view.mentions.map((a) => ({
      id: a.id,
      username: a.username,
      url: a.url ?? a.uri,
      acct: a.domain === null ? a.username : `${a.username}@${a.domain}`,
    })),
    tags: view.tags.map((t) => ({
      name: t.name,
      url: `${context.baseUrl}/tags/${encodeURIComponent(t.name)}`,
    })),
    emojis: (view.emojis ?? []).map((e) => serializeCustomEmoji(e)),
    quote: null,
    // A boost answers for the boosted post (Mastodon's `object.proper`).
    quote_approval: {
      automatic: automaticQuoteAudiences((view.reblog ?? view).status),
      manual: [],
      current_user: (view.reblog ?? view).quoteDecision,
    },
    card: view.card ? serializePreviewCard(view.card) : null,
    poll: view.poll ? serializePoll(view.poll, context, view.emojis ?? []) : null,
    tagged_collections: [],
  };
  if (signedIn && view.viewer) {
    json.favourited = view.viewer.favourited;
    json.reblogged = view.viewer.reblogged;
    json.muted = view.viewer.muted;
    json.bookmarked = view.viewer.bookmarked;
    if (own && status.reblogOfId === null && status.visibility !== 'direct') {
      json.pinned = view.viewer.pinned;
    }
    json.filtered = view.filtered.map(serializeFilterResult);
  }
  if (!context.sourceRequested) json.content = status.content;
  if (status.local) json.local_only = status.localOnly;
  if (view.reblog)
    json.reblog = serializeStatus(view.reblog, { ...context, sourceRequested: false });
  if (view.application) json.application = view.application;
  if (view.reactions && view.reactions.length > 0) {
    json.pleroma = {
      emoji_reactions: view.reactions.map((r) => ({
        name: r.name,
        count: r.accountIds.length,
        me: r.me,
        ...(r.emoji ? { url: r.emoji.imageUrl, static_url: r.emoji.staticUrl } : {}),
      })),
    };
  }
  if (view.quote) {
    json.quote = view.quote.status
      ? {
          state: view.quote.state,
          quoted_status: serializeStatus(view.quote.status, { ...context, sourceRequested: false }),
        }
      : view.quote.state === 'accepted' && view.quote.quotedStatusId !== null
        ? { state: view.quote.state, quoted_status_id: view.quote.quotedStatusId }
        : { state: view.quote.state, quoted_status: null };
  }
  return json;
}

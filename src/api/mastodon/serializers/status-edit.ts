/**
 * Mastodon's StatusEdit entity (REST::StatusEditSerializer): one version of a post. `poll`
 * appears only for versions that had one, with the option titles of that version; `emojis`
 * are the custom emojis that version's own texts name.
 */
import type { StatusEditView } from '../../../domain/statuses/history.ts';
import { serializeAccount, type AccountJson } from './account.ts';
import { serializeCustomEmoji, type CustomEmojiJson } from './custom-emoji.ts';
import { serializeMediaAttachment, type MediaAttachmentJson } from './media-attachment.ts';
import type { ShallowQuoteJson } from './status.ts';

export interface StatusEditJson {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: AccountJson;
  poll?: { options: { title: string }[] };
  media_attachments: MediaAttachmentJson[];
  emojis: CustomEmojiJson[];
  quote?: ShallowQuoteJson | null;
}

export function serializeStatusEdit(view: StatusEditView, baseUrl: string): StatusEditJson {
  const { edit } = view;
  const json: StatusEditJson = {
    content: edit.content,
    spoiler_text: edit.spoilerText,
    sensitive: edit.sensitive,
    created_at: new Date(edit.createdAt).toISOString(),
    account: serializeAccount(view.account, baseUrl),
    media_attachments: view.media.map(serializeMediaAttachment),
    emojis: view.emojis.map((e) => serializeCustomEmoji(e)),
  };
  if (edit.pollOptions) json.poll = { options: edit.pollOptions.map((title) => ({ title })) };
  if (edit.quoteOfId) json.quote = { state: 'accepted', quoted_status_id: edit.quoteOfId };
  return json;
}

/**
 * A Note from another server as the post Woolly stores: sanitized HTML, content warning,
 * visibility read from its audience, the accounts it mentions that Woolly knows, its
 * hashtags and its attachments (a Question's too, with its poll). The other types Mastodon
 * converts (an Article, a Video, ...: status-object.ts) become a post with their title,
 * summary and link as the text and no content warning.
 */
import { Hashtag, Mention, Question } from '@fedify/vocab';
import { LanguageString } from '@fedify/vocab-runtime';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountsByUris } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import type { RemoteStatusInput } from '../../domain/statuses/create-remote-status.ts';
import { storeRemoteEmojis } from '../../domain/custom-emojis/remote-emojis.ts';
import { sanitizeRemoteHtml, stripHtml } from '../sanitize.ts';
import { emojiTagsOf } from './emoji-tags.ts';
import { quotePolicyOf, quoteReferenceOf, withoutQuoteFallback } from './quote.ts';
import { remoteAttachmentsOf } from './remote-attachments.ts';
import { remotePollFromQuestion } from './remote-question.ts';
import {
  convertedContent,
  isConvertedObject,
  pageUrlOf,
  type StatusObject,
} from './status-object.ts';
import { visibilityOf } from './addressing.ts';

const epochMs = (instant: { epochMilliseconds: number } | null | undefined) =>
  instant ? instant.epochMilliseconds : null;

/**
 * The language of the Note's content map (Mastodon sends one entry), else of its name or
 * summary map (as Mastodon reads them), if it has one.
 */
function languageOf(note: StatusObject): string | null {
  const tagged = [...note.contents, ...note.names, ...note.summaries].find(
    (c) => c instanceof LanguageString,
  );
  // `und` (undetermined, Mobilizon's default) names no language; V8 reads it as undefined.
  const language = tagged instanceof LanguageString ? tagged.locale.language : undefined;
  return typeof language === 'string' && language !== 'und' ? language : null;
}

async function contentOf(note: StatusObject): Promise<string> {
  if (isConvertedObject(note)) return convertedContent(note);
  const content = note.content?.toString() ?? '';
  // A quote's `RE: <link>` fallback is dropped, as Mastodon does (convert/quote.ts).
  return (await quoteReferenceOf(note)) ? withoutQuoteFallback(content) : content;
}

export async function remoteStatusFromNote(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  note: StatusObject,
  author: AccountRecord,
  now: number,
): Promise<RemoteStatusInput | null> {
  if (!note.id) return null;
  const mentionedUris: string[] = [];
  const tagNames: string[] = [];
  for await (const tag of note.getTags()) {
    if (tag instanceof Mention && tag.href) {
      mentionedUris.push(tag.href.href);
    } else if (tag instanceof Hashtag && tag.name) {
      const name = tag.name.toString().replace(/^#/, '');
      if (/^[\p{L}\p{N}_]+$/u.test(name)) tagNames.push(name);
    }
  }
  // The mentioned accounts Woolly knows, read at once, in the Note's order.
  const known = new Map(
    (await findAccountsByUris(deps.db, [...new Set(mentionedUris)])).map((a) => [a.uri, a.id]),
  );
  const mentioned = mentionedUris.flatMap((uri) => known.get(uri) ?? []);
  // Its custom emojis are kept as its server's, for the `emojis` of the post.
  if (author.domain) await storeRemoteEmojis(deps, author.domain, await emojiTagsOf(note));
  return {
    uri: note.id.href,
    url: pageUrlOf(note) ?? note.id.href,
    author,
    content: sanitizeRemoteHtml(await contentOf(note)),
    // A converted object's summary is in its text instead.
    spoilerText: isConvertedObject(note) ? '' : stripHtml(note.summary?.toString() ?? ''),
    sensitive: note.sensitive ?? false,
    language: languageOf(note),
    visibility: visibilityOf(note.toIds, note.ccIds, author.followersUrl),
    inReplyToUri: note.replyTargetId?.href ?? null,
    mentionedAccountIds: mentioned,
    tagNames,
    createdAt: epochMs(note.published) ?? now,
    editedAt: epochMs(note.updated),
    quoteApprovalPolicy: quotePolicyOf(note, author),
    attachments: await remoteAttachmentsOf(note),
    poll: note instanceof Question ? await remotePollFromQuestion(note, now) : null,
  };
}

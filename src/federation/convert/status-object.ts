/**
 * Which ActivityPub objects Woolly stores as posts, and how, as Mastodon decides: a Note or a
 * Question is a post as it is (Mastodon's SUPPORTED_TYPES); an Article, Page, Image, Video,
 * Audio or Event (its CONVERTED_TYPES: Lemmy posts, PeerTube videos, blog articles,
 * Funkwhale tracks, Mobilizon events) is shown as a short post that points to the original:
 * its title, its summary and a link to its page, with its attachments kept and its own
 * `content` left out (it is written for another kind of reader, often long). Every place
 * that receives or fetches a post (inbox Create/Update, boosts, quotes, search by URL, the
 * backfills) asks `isStatusObject`; remote-note.ts builds the post.
 *
 * @example
 * if (isStatusObject(object)) await remoteStatusFromNote(deps, object, author, now);
 */
import { Article, Audio, Event, Image, Link, Note, Page, Question, Video } from '@fedify/vocab';
import { shortenedLink } from '../../domain/statuses/text/entity-html.ts';
import { escapeHtml } from '../../domain/statuses/text/escape.ts';

/** An object Mastodon converts into a post that links to it. */
export type ConvertedObject = Article | Page | Image | Video | Audio | Event;
/** An object Woolly stores as a post. */
export type StatusObject = Note | Question | ConvertedObject;

export function isConvertedObject(value: unknown): value is ConvertedObject {
  return (
    value instanceof Article ||
    value instanceof Page ||
    value instanceof Image ||
    value instanceof Video ||
    value instanceof Audio ||
    value instanceof Event
  );
}

export function isStatusObject(value: unknown): value is StatusObject {
  return value instanceof Note || value instanceof Question || isConvertedObject(value);
}

/**
 * The address of the object's web page: its first `url` link whose media type is HTML (a
 * PeerTube video names its files there too), else its first `url`, as Mastodon reads it.
 */
export function pageUrlOf(object: StatusObject): string | null {
  let first: string | null = null;
  for (const url of object.urls) {
    const href = url instanceof URL ? url.href : (url.href?.href ?? null);
    if (href === null || !/^https?:$/.test(new URL(href).protocol)) continue;
    if (url instanceof Link && url.mediaType?.split(';')[0]?.trim() === 'text/html') return href;
    first ??= href;
  }
  return first;
}

/**
 * The HTML of a converted object's post, as Mastodon writes it: the title as a heading
 * (Mastodon's sanitizer makes it a bold paragraph), the summary, and a link to the page (or
 * to the object itself when it has none). Sanitized by the caller with any remote HTML.
 */
export function convertedContent(object: ConvertedObject): string {
  const title = object.name?.toString().trim() ?? '';
  const summary = object.summary?.toString().trim() ?? '';
  const link = pageUrlOf(object) ?? object.id?.href ?? '';
  return [
    title === '' ? null : `<p><strong>${escapeHtml(title)}</strong></p>`,
    summary === '' ? null : /^\s*<p[\s>]/i.test(summary) ? summary : `<p>${summary}</p>`,
    link === '' ? null : `<p>${shortenedLink(link)}</p>`,
  ]
    .filter((part) => part !== null)
    .join('');
}

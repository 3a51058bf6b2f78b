/**
 * The post a remote Note quotes, in each form servers use: FEP-044f `quote` (Mastodon 4.5,
 * with its `quoteAuthorization` stamp), `quoteUrl` / `_misskey_quote` / `quoteUri`
 * (Misskey, Akkoma, Fedibird; Fedify reads the three as `quoteUrl`), and a `Link` tag whose
 * `mediaType` is ActivityStreams JSON (FEP-e232 object links, which Misskey also sends).
 * Also the HTML fallback (`RE: <link>` in an element of class `quote-inline`) that servers
 * put in the content for those that cannot show quotes: Mastodon drops it.
 */
import { Article, Link, Note, Question } from '@fedify/vocab';
import sanitizeHtml from 'sanitize-html';
import type { QuotePolicy } from '../../db/repositories/statuses.ts';
import type { StatusObject } from './status-object.ts';

export interface QuoteReference {
  /** The quoted post's ActivityPub id. */
  uri: string;
  /** Its FEP-044f QuoteAuthorization, when the Note carries one. */
  authorizationUri: string | null;
}

const objectLinkType =
  /^application\/(ld\+json\s*;\s*profile\s*=\s*"?https:\/\/www\.w3\.org\/ns\/activitystreams"?|activity\+json)\s*$/i;

/** The quoted post of `note`, if it quotes one. */
export async function quoteReferenceOf(note: StatusObject): Promise<QuoteReference | null> {
  // Fedify reads the quote properties on the types that may carry them.
  const quoting = note instanceof Note || note instanceof Question || note instanceof Article;
  const direct = quoting ? (note.quoteId ?? note.quoteUrl) : null;
  const uri = direct ?? (await quoteLinkOf(note));
  if (!uri || (uri.protocol !== 'https:' && uri.protocol !== 'http:')) return null;
  const authorization = quoting ? note.quoteAuthorizationId : null;
  return { uri: uri.href, authorizationUri: authorization?.href ?? null };
}

async function quoteLinkOf(note: StatusObject): Promise<URL | null> {
  try {
    for await (const tag of note.getTags()) {
      if (tag instanceof Link && tag.href && objectLinkType.test(tag.mediaType ?? '')) {
        return tag.href;
      }
    }
  } catch {
    // Tags that cannot be read name no quote.
  }
  return null;
}

/**
 * `html` without its quote fallback (every element of class `quote-inline`, with what it
 * holds). Done on the HTML as received: the sanitizer keeps classes on `span` only, and
 * Mastodon 4.5 sends the fallback as `<p class="quote-inline">`.
 */
export function withoutQuoteFallback(html: string): string {
  if (!html.includes('quote-inline')) return html;
  return sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    exclusiveFilter: (frame) => /(^|\s)quote-inline(\s|$)/.test(frame.attribs.class ?? ''),
  });
}

const publicCollection = 'https://www.w3.org/ns/activitystreams#Public';

/**
 * Who may quote a remote post without asking, read from its `interactionPolicy.canQuote`
 * (Mastodon 4.5, GoToSocial): anyone when `automaticApproval` names the public collection,
 * followers when it names the author's followers; otherwise, and for a post that states no
 * policy (a server without quote posts), nobody but its author, as Mastodon reads it.
 */
export function quotePolicyOf(
  note: StatusObject,
  author: { followersUrl: string | null },
): QuotePolicy {
  const approvals = note.interactionPolicy?.canQuote?.automaticApprovals ?? [];
  const hrefs = new Set(approvals.map((url) => url.href));
  if (hrefs.has(publicCollection) || hrefs.has('as:Public')) return 'public';
  if (author.followersUrl && hrefs.has(author.followersUrl)) return 'followers';
  return 'nobody';
}

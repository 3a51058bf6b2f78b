/**
 * The quote parts of a local post's Note, as Mastodon 4.5 publishes them: FEP-044f `quote`
 * with its `quoteAuthorization` stamp (for a quote of a local post, the stamp Woolly serves,
 * dispatchers/quote-authorization.ts), `quoteUrl` (which Fedify also writes as Misskey's
 * `_misskey_quote` and Fedibird's `quoteUri`, for older servers), the `RE: <link>` fallback
 * paragraph of class `quote-inline` for servers that show no quotes, and the post's own
 * quote policy as `interactionPolicy.canQuote`.
 */
import type { Context } from '@fedify/fedify';
import { InteractionPolicy, InteractionRule } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findQuoteApproval } from '../../db/repositories/quote-approvals.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { automaticQuoteAudiences } from '../../domain/statuses/quote-policy.ts';

export interface QuoteNoteParts {
  /** The quoted post's ActivityPub id and its page. */
  uri: string;
  url: string;
  /** The stamp: Woolly's for a local quoted post, the one its server gave for a remote one. */
  authorizationUri: string | null;
}

/** The path of the stamp for the quote `quotingStatusId` makes of a post by `username`. */
export const quoteAuthorizationPath = (username: string, quotingStatusId: string) =>
  `/users/${encodeURIComponent(username)}/quote_authorizations/${quotingStatusId}`;

export async function loadQuoteNoteParts(
  deps: Pick<Deps, 'db' | 'config'>,
  status: StatusRecord,
): Promise<QuoteNoteParts | null> {
  // A pending quote is published too (its stamp comes with the quoted server's approval).
  if (status.quoteOfId === null) return null;
  if (status.quoteState !== 'accepted' && status.quoteState !== 'pending') return null;
  const quoted = await findStatusById(deps.db, status.quoteOfId);
  if (!quoted) return null;
  const author = quoted.local ? await findAccountById(deps.db, quoted.accountId) : null;
  return {
    uri: quoted.uri,
    url: quoted.url ?? quoted.uri,
    authorizationUri: author
      ? new URL(quoteAuthorizationPath(author.username, status.id), deps.config.baseUrl).href
      : await findQuoteApproval(deps.db, status.id),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The post's HTML with the quote fallback Mastodon appends. */
export function contentWithQuoteFallback(content: string, quote: QuoteNoteParts | null): string {
  if (!quote) return content;
  const link = escapeHtml(quote.url);
  return `${content}<p class="quote-inline">RE: <a href="${link}">${link}</a></p>`;
}

const publicAudience = new URL('https://www.w3.org/ns/activitystreams#Public');

/** The Note properties of the quote and of who may quote the post. */
export function quoteNoteValues(
  ctx: Context<Deps>,
  status: StatusRecord,
  author: AccountRecord,
  quote: QuoteNoteParts | null,
) {
  const audiences = automaticQuoteAudiences(status).map((audience) =>
    audience === 'public' ? publicAudience : ctx.getFollowersUri(author.username),
  );
  return {
    quote: quote ? new URL(quote.uri) : null,
    quoteUrl: quote ? new URL(quote.uri) : null,
    quoteAuthorization: quote?.authorizationUri ? new URL(quote.authorizationUri) : null,
    interactionPolicy: new InteractionPolicy({
      canQuote: new InteractionRule({
        // The author may always quote their own post.
        automaticApprovals: [...audiences, ctx.getActorUri(author.username)],
      }),
    }),
  };
}

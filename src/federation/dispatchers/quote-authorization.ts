/**
 * Woolly's FEP-044f stamps, /users/{identifier}/quote_authorizations/{id}: the proof that
 * the local account `identifier` approved the quote that post `id` makes of one of its posts
 * (its own automatic policy, or the answer to a QuoteRequest). Other servers fetch it to
 * check a quote before showing it; a quote that was revoked, or whose post is gone, has no
 * stamp (404), as Mastodon answers.
 */
import type { Federation } from '@fedify/fedify';
import { QuoteAuthorization } from '@fedify/vocab';
import { isId } from '../../core/ids.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { quoteAuthorizationPath } from '../convert/quote-note.ts';
import { findPublishedAccount } from './local-account.ts';

export function registerQuoteAuthorizationDispatcher(federation: Federation<Deps>): void {
  federation.setObjectDispatcher(
    QuoteAuthorization,
    '/users/{identifier}/quote_authorizations/{id}',
    async (ctx, values: Record<'identifier' | 'id', string>) => {
      const account = await findPublishedAccount(ctx.data, values.identifier);
      if (!account || !isId(values.id)) return null;
      const quoting = await findStatusById(ctx.data.db, values.id);
      if (!quoting || quoting.quoteState !== 'accepted' || quoting.quoteOfId === null) return null;
      const quoted = await findStatusById(ctx.data.db, quoting.quoteOfId);
      if (!quoted || !quoted.local || quoted.accountId !== account.id) return null;
      return new QuoteAuthorization({
        id: new URL(quoteAuthorizationPath(account.username, quoting.id), ctx.origin),
        attribution: ctx.getActorUri(account.username),
        interactingObject: new URL(quoting.uri),
        interactionTarget: new URL(quoted.uri),
      });
    },
  );
}

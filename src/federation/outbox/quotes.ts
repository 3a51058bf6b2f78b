/**
 * The answer to a remote QuoteRequest for a local post (FEP-044f, as Mastodon 4.5 sends it):
 * Accept of the request with Woolly's stamp as `result` (dispatchers/quote-authorization.ts),
 * or Reject, from the quoted post's author to the requester.
 */
import type { Context } from '@fedify/fedify';
import { Accept, Reject } from '@fedify/vocab';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { quoteAuthorizationPath } from '../convert/quote-note.ts';
import { deliver } from './deliver.ts';

export async function onQuoteDecided(
  ctx: Context<Deps>,
  event: DomainEvents['quote.decided'],
): Promise<void> {
  const quoted = await findStatusById(ctx.data.db, event.quotedStatusId);
  if (!quoted) return;
  const accounts = await findAccountsByIds(ctx.data.db, [
    quoted.accountId,
    event.requesterAccountId,
  ]);
  const author = accounts.find((a) => a.id === quoted.accountId);
  const requester = accounts.find((a) => a.id === event.requesterAccountId);
  if (!author || author.domain !== null || !requester || requester.domain === null) return;
  const actor = ctx.getActorUri(author.username);
  const values = {
    id: new URL(`${actor.href}#quote_answers/${ctx.data.ids.next()}`),
    actor,
    object: new URL(event.requestUri),
  };
  await deliver(
    ctx,
    author,
    [requester],
    event.accepted
      ? new Accept({
          ...values,
          result: new URL(
            quoteAuthorizationPath(author.username, event.quotingStatusId),
            ctx.origin,
          ),
        })
      : new Reject(values),
  );
}

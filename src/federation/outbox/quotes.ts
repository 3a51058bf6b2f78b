/**
 * Quotes going out (FEP-044f, as Mastodon 4.5 sends them): the answer to a remote
 * QuoteRequest for a local post (Accept with Woolly's stamp as `result`, see
 * dispatchers/quote-authorization.ts, or Reject, from the quoted post's author to the
 * requester); a local quote of a remote post asking for its stamp (QuoteRequest), and its
 * Note sent again once the answer came.
 */
import type { Context } from '@fedify/fedify';
import { Accept, Delete, QuoteRequest, Reject } from '@fedify/vocab';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import { quoteAuthorizationPath } from '../convert/quote-note.ts';
import { activityId, type Outbound } from './activity-ids.ts';
import { deliver } from './deliver.ts';
import { onStatusUpdated } from './statuses.ts';

export async function onQuoteDecided(
  ctx: Context<Deps>,
  event: Outbound<'quote.decided'>,
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
    id: activityId(ctx, actor, 'quote_answers', event),
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

/** The id of the QuoteRequest a local quote sends (an Accept or Reject names it). */
export const quoteRequestUri = (statusUri: string) => `${statusUri}#quote_request`;

/**
 * A local post quoting a remote one asks its author's server for a stamp, as Mastodon 4.5
 * does: QuoteRequest with the post as `instrument`, to the quoted author only.
 */
export async function onQuotingStatusCreated(
  ctx: Context<Deps>,
  event: DomainEvents['status.created'],
): Promise<void> {
  if (!event.local) return;
  const status = await findStatusById(ctx.data.db, event.statusId);
  if (!status || status.quoteOfId === null || status.quoteState !== 'pending') return;
  if (status.localOnly) return;
  const quoted = await findStatusById(ctx.data.db, status.quoteOfId);
  if (!quoted || quoted.local || quoted.accountId === status.accountId) return;
  const accounts = await findAccountsByIds(ctx.data.db, [status.accountId, quoted.accountId]);
  const author = accounts.find((a) => a.id === status.accountId);
  const quotedAuthor = accounts.find((a) => a.id === quoted.accountId);
  if (!author || !quotedAuthor) return;
  const note = await toStatusObject(ctx, await loadNoteParts(ctx.data, status, author));
  await deliver(
    ctx,
    author,
    [quotedAuthor],
    new QuoteRequest({
      id: new URL(quoteRequestUri(status.uri)),
      actor: ctx.getActorUri(author.username),
      object: new URL(quoted.uri),
      instrument: note,
    }),
  );
}

/** The quote's Note again, now with its stamp (or without the rejected quote). */
export async function onQuoteAnswered(
  ctx: Context<Deps>,
  event: DomainEvents['quote.answered'],
): Promise<void> {
  await onStatusUpdated(ctx, { statusId: event.statusId, accountId: event.accountId, local: true });
}

/**
 * A local author revoked a quote of one of its posts: a remote quoter's server gets Delete of
 * the stamp (it then shows the quote as revoked); a local quote is sent again without it.
 */
export async function onQuoteRevoked(
  ctx: Context<Deps>,
  event: DomainEvents['quote.revoked'],
): Promise<void> {
  const [quoting, quoted] = await Promise.all([
    findStatusById(ctx.data.db, event.quotingStatusId),
    findStatusById(ctx.data.db, event.quotedStatusId),
  ]);
  if (!quoting || !quoted) return;
  if (quoting.local) {
    await onStatusUpdated(ctx, { statusId: quoting.id, accountId: quoting.accountId, local: true });
    return;
  }
  const accounts = await findAccountsByIds(ctx.data.db, [quoted.accountId, quoting.accountId]);
  const author = accounts.find((a) => a.id === quoted.accountId);
  const quoter = accounts.find((a) => a.id === quoting.accountId);
  if (!author || author.domain !== null || !quoter) return;
  const stamp = new URL(quoteAuthorizationPath(author.username, quoting.id), ctx.origin);
  await deliver(
    ctx,
    author,
    [quoter],
    new Delete({
      id: new URL(`${stamp.href}#delete`),
      actor: ctx.getActorUri(author.username),
      object: stamp,
    }),
  );
}

/** A post's quote policy changed: its Note (with `interactionPolicy`) is sent again. */
export async function onQuotePolicyChanged(
  ctx: Context<Deps>,
  event: DomainEvents['status.quote_policy_changed'],
): Promise<void> {
  await onStatusUpdated(ctx, { statusId: event.statusId, accountId: event.accountId, local: true });
}

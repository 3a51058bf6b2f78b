/**
 * The quote a remote Note makes (convert/quote.ts reads its forms), resolved for storing:
 * the quoted post (from the database, or fetched once if unknown), and where the quote
 * stands (domain/statuses/quote-remote.ts). A FEP-044f stamp counts only when it is fetched
 * from the quoted author's server, is attributed to that author, and names this very quote
 * and quoted post. A quoted post that cannot be had is recorded as deleted.
 */
import type { InboxContext } from '@fedify/fedify';
import { QuoteAuthorization, type Note, type Question } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountById } from '../../db/repositories/accounts.ts';
import {
  findStatusByUri,
  type QuoteState,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { remoteQuoteState, updateRemoteQuote } from '../../domain/statuses/quote-remote.ts';
import { quotePolicyOf, quoteReferenceOf, type QuoteReference } from '../convert/quote.ts';
import { fetchQuotedStatus } from './quote-fetch.ts';

export interface ResolvedQuote {
  statusId: string | null;
  state: QuoteState;
}

export async function resolveRemoteQuote(
  ctx: InboxContext<Deps>,
  note: Note | Question,
  author: AccountRecord,
): Promise<ResolvedQuote | null> {
  const reference = await quoteReferenceOf(note);
  if (!reference || !note.id || reference.uri === note.id.href) return null;
  const quoted =
    (await findStatusByUri(ctx.data.db, reference.uri)) ??
    (await fetchQuotedStatus(ctx, new URL(reference.uri)));
  if (!quoted) return { statusId: null, state: 'deleted' };
  const stamped = await hasValidStamp(ctx, note.id, reference, quoted);
  return { statusId: quoted.id, state: await remoteQuoteState(ctx.data, author, quoted, stamped) };
}

async function hasValidStamp(
  ctx: InboxContext<Deps>,
  quoteUri: URL,
  reference: QuoteReference,
  quoted: StatusRecord,
): Promise<boolean> {
  if (!reference.authorizationUri || quoted.local) return false;
  const quotedAuthor = await findAccountById(ctx.data.db, quoted.accountId);
  if (!quotedAuthor) return false;
  const stampUri = new URL(reference.authorizationUri);
  if (stampUri.origin !== new URL(quotedAuthor.uri).origin) return false;
  const stamp = await ctx.lookupObject(stampUri.href).catch(() => null);
  return (
    stamp instanceof QuoteAuthorization &&
    stamp.id?.href === stampUri.href &&
    stamp.attributionId?.href === quotedAuthor.uri &&
    stamp.interactingObjectId?.href === quoteUri.href &&
    stamp.interactionTargetId?.href === quoted.uri
  );
}

/** An Update of a remote Note: its quote is resolved again (a stamp may have come). */
export async function refreshRemoteQuote(
  ctx: InboxContext<Deps>,
  note: Note | Question,
  author: AccountRecord,
): Promise<void> {
  if (!note.id) return;
  const status = await findStatusByUri(ctx.data.db, note.id.href);
  if (!status || status.local || status.accountId !== author.id || status.deletedAt !== null) {
    return;
  }
  const quote = await resolveRemoteQuote(ctx, note, author);
  await updateRemoteQuote(ctx.data, status, quote, quotePolicyOf(note, author));
}

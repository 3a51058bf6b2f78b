/**
 * The quote a remote Note makes (convert/quote.ts reads its forms), resolved for storing:
 * the quoted post (from the database, or fetched once if unknown), and where the quote
 * stands (domain/statuses/quote-remote.ts). A FEP-044f stamp counts only when it is fetched
 * from the quoted author's server, is attributed to that author, and names this very quote
 * and quoted post. A quoted post that cannot be had is recorded as deleted.
 *
 * Used for posts delivered to the inbox and for posts fetched by backfills and boosts
 * (backfill/, fetch-status.ts), which pass the instance actor's `documentLoader` to sign with.
 */
import type { Context } from '@fedify/fedify';
import { QuoteAuthorization } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
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
import type { StatusObject } from '../convert/status-object.ts';
import { fetchQuotedStatus } from './quote-fetch.ts';

export interface ResolvedQuote {
  statusId: string | null;
  state: QuoteState;
}

export async function resolveRemoteQuote(
  ctx: Context<Deps>,
  note: StatusObject,
  author: AccountRecord,
  documentLoader?: DocumentLoader,
): Promise<ResolvedQuote | null> {
  const reference = await quoteReferenceOf(note);
  if (!reference || !note.id || reference.uri === note.id.href) return null;
  const quoted =
    (await findStatusByUri(ctx.data.db, reference.uri)) ??
    (await fetchQuotedStatus(ctx, new URL(reference.uri), documentLoader));
  if (!quoted) return { statusId: null, state: 'deleted' };
  const stamped = await hasValidStamp(ctx, note.id, reference, quoted, documentLoader);
  return { statusId: quoted.id, state: await remoteQuoteState(ctx.data, author, quoted, stamped) };
}

async function hasValidStamp(
  ctx: Context<Deps>,
  quoteUri: URL,
  reference: QuoteReference,
  quoted: StatusRecord,
  documentLoader: DocumentLoader | undefined,
): Promise<boolean> {
  if (!reference.authorizationUri || quoted.local) return false;
  const quotedAuthor = await findAccountById(ctx.data.db, quoted.accountId);
  if (!quotedAuthor) return false;
  const stampUri = new URL(reference.authorizationUri);
  if (stampUri.origin !== new URL(quotedAuthor.uri).origin) return false;
  const stamp = await ctx.lookupObject(stampUri.href, { documentLoader }).catch(() => null);
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
  ctx: Context<Deps>,
  note: StatusObject,
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

/**
 * QuoteRequest (FEP-044f, Mastodon 4.5): a remote account asks to quote a local post; its
 * `instrument` is the quoting Note, attributed to the sender and quoting that post. The Note
 * is stored as any delivered post (if it was not yet), then the local post's quote policy
 * answers (domain/statuses/quote-request.ts; the outbox sends Accept or Reject).
 */
import type { InboxContext } from '@fedify/fedify';
import type { QuoteRequest } from '@fedify/vocab';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { decideQuoteRequest } from '../../domain/statuses/quote-request.ts';
import { quoteReferenceOf } from '../convert/quote.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { senderAccount } from './accounts.ts';
import { resolveRemoteQuote } from './quote.ts';

export async function onQuoteRequest(
  ctx: InboxContext<Deps>,
  request: QuoteRequest,
): Promise<void> {
  if (!request.id || !request.objectId || request.objectId.origin !== ctx.origin) return;
  const quoted = await findStatusByUri(ctx.data.db, request.objectId.href);
  if (!quoted || !quoted.local || quoted.deletedAt !== null) return;
  const note = await request.getInstrument(ctx).catch(() => null);
  if (!isStatusObject(note) || !note.id || note.attributionId?.href !== request.actorId?.href) {
    return;
  }
  if ((await quoteReferenceOf(note))?.uri !== quoted.uri) return;
  const requester = await senderAccount(ctx, request);
  if (!requester || note.id.origin !== new URL(requester.uri).origin) return;
  let quoting = await findStatusByUri(ctx.data.db, note.id.href);
  if (!quoting) {
    const input = await remoteStatusFromNote(ctx.data, note, requester, ctx.data.clock.now());
    if (!input) return;
    quoting = await createRemoteStatus(ctx.data, {
      ...input,
      quote: await resolveRemoteQuote(ctx, note, requester),
    });
  }
  await decideQuoteRequest(ctx.data, { uri: request.id.href, requester, quoted, quoting });
}

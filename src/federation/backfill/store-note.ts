/**
 * Stores a public or unlisted post (convert/status-object.ts) fetched during a backfill, with its author: the author
 * must be the actor it is attributed to, on the Note's own server, and not on a suspended
 * domain. Its quote is resolved as a delivered post's is (inbox/quote.ts: the quoted post
 * fetched once if unknown, one level). Known posts are left as they are (CreateRemoteStatus:
 * the unique URI decides).
 */
import type { Context } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import { findStatusByUri, type StatusRecord } from '../../db/repositories/statuses.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import type { StatusObject } from '../convert/status-object.ts';
import { fetchedAuthor } from '../fetched-author.ts';
import { resolveRemoteQuote } from '../inbox/quote.ts';
import { queueFeaturedTagsRead } from './featured-tags-queue.ts';

export async function storeFetchedNote(
  ctx: Context<Deps>,
  note: StatusObject,
  documentLoader: DocumentLoader,
): Promise<StatusRecord | null> {
  const deps = ctx.data;
  const id = note.id;
  if (!id || id.origin === new URL(deps.config.baseUrl).origin) return null;
  if (await isDomainSuspended(deps, id.host)) return null;
  const actor = await fetchedAuthor(ctx, note, documentLoader);
  if (!actor || actor.id?.origin !== id.origin) return null;
  const account = await remoteAccountFromActor(actor);
  if (!account) return null;
  const author = await upsertRemoteAccount(deps, account);
  await queueFeaturedTagsRead(deps, author, actor);
  const input = await remoteStatusFromNote(deps, note, author, deps.clock.now());
  if (!input || (input.visibility !== 'public' && input.visibility !== 'unlisted')) return null;
  const known = await findStatusByUri(deps.db, id.href);
  if (known) return known;
  const quote = await resolveRemoteQuote(ctx, note, author, documentLoader);
  return createRemoteStatus(deps, { ...input, quote });
}

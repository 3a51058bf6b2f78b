/**
 * The post a remote quote names, when Woolly does not have it yet: fetched once through
 * Fedify's document loader (signed by the instance actor, the document must come from the
 * origin of its id), with its author, and stored as any delivered post is. `documentLoader`,
 * when given, is the one to fetch with (a backfill's, signing as the instance actor). Bounded:
 * the fetched post is stored without its own quote (one level; no quote of a quote is fetched).
 */
import type { Context } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { queueFeaturedTagsRead } from '../backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { fetchedAuthor } from '../fetched-author.ts';

export async function fetchQuotedStatus(
  ctx: Context<Deps>,
  uri: URL,
  documentLoader?: DocumentLoader,
): Promise<StatusRecord | null> {
  if (uri.origin === ctx.origin || (await isDomainSuspended(ctx.data, uri.hostname))) return null;
  const note = await ctx.lookupObject(uri.href, { documentLoader }).catch(() => null);
  if (!isStatusObject(note) || note.id?.origin !== uri.origin) return null;
  const actor = await fetchedAuthor(ctx, note, documentLoader);
  if (!actor || actor.id?.origin !== note.id.origin) return null;
  const account = await remoteAccountFromActor(actor);
  if (!account) return null;
  const author = await upsertRemoteAccount(ctx.data, account);
  await queueFeaturedTagsRead(ctx.data, author, actor);
  const input = await remoteStatusFromNote(ctx.data, note, author, ctx.data.clock.now());
  if (!input) return null;
  // Only public and unlisted posts are kept from a fetch, as backfills do.
  if (input.visibility !== 'public' && input.visibility !== 'unlisted') return null;
  return createRemoteStatus(ctx.data, input);
}

/**
 * The author of a post Woolly fetched (a boosted, quoted, searched or backfilled one): the
 * actor it is attributed to, read through the same document loader as the post. A server
 * that embeds its authors only as `{type, id}` (PeerTube names a video's account and channel
 * so) has the actor fetched by its id, as Mastodon fetches it, for its inbox and key.
 *
 * @example const actor = await fetchedAuthor(ctx, note, documentLoader);
 */
import type { Context } from '@fedify/fedify';
import { isActor, type Actor } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { Deps } from '../domain/context.ts';
import type { StatusObject } from './convert/status-object.ts';

export async function fetchedAuthor(
  ctx: Context<Deps>,
  note: StatusObject,
  documentLoader: DocumentLoader = ctx.documentLoader,
): Promise<Actor | null> {
  const options = { documentLoader, contextLoader: ctx.contextLoader };
  const named = await note.getAttribution(options).catch(() => null);
  if (!isActor(named)) return null;
  if (named.inboxId || !named.id) return named;
  const fetched = await ctx.lookupObject(named.id.href, options).catch(() => null);
  return isActor(fetched) && fetched.id?.href === named.id.href ? fetched : null;
}

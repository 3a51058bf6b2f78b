/**
 * Featured backfill: when a local account's follow of a remote account is accepted, the
 * posts that account pins on its profile are read from its `featured` collection (Mastodon's
 * FetchFeaturedCollectionService), stored if Woolly lacks them (public and unlisted ones,
 * store-note.ts) and made its pins, in the collection's order; posts it no longer lists are
 * unpinned. Add and Remove keep them current afterwards (inbox/featured.ts). Fetches are
 * signed by the instance actor.
 */
import type { Federation } from '@fedify/fedify';
import { Collection, OrderedCollection } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findStatusByUri, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { replaceRemotePins } from '../../domain/interactions/remote-pins.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { storeFetchedNote } from './store-note.ts';

/** Items looked at: Mastodon lets an account pin five posts, other servers a few more. */
const maxItems = 20;

export interface FeaturedBackfillPayload {
  accountId: string;
}

/** Reads the account's featured collection and makes its posts the pins; returns how many. */
export async function backfillFeatured(
  federation: Federation<Deps>,
  deps: Deps,
  payload: FeaturedBackfillPayload,
): Promise<number> {
  const account = await findAccountById(deps.db, payload.accountId);
  if (!account?.featuredUrl || account.domain === null || account.suspendedAt !== null) return 0;
  if (await isDomainSuspended(deps, account.domain)) return 0;
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const featured = await ctx
    .lookupObject(account.featuredUrl, { documentLoader })
    .catch(() => null);
  if (!(featured instanceof OrderedCollection || featured instanceof Collection)) return 0;
  const pinned: StatusRecord[] = [];
  let seen = 0;
  for await (const item of ctx.traverseCollection(featured, { documentLoader })) {
    if (++seen > maxItems) break;
    const post = isStatusObject(item)
      ? item
      : item.id
        ? await ctx.lookupObject(item.id.href, { documentLoader }).catch(() => null)
        : null;
    // Only the account's own posts, from its own server.
    if (!isStatusObject(post) || !post.id || post.attributionId?.href !== account.uri) continue;
    if (post.id.origin !== new URL(account.uri).origin) continue;
    const status =
      (await findStatusByUri(deps.db, post.id.href)) ??
      (await storeFetchedNote(ctx, post, documentLoader));
    if (status?.accountId === account.id) pinned.push(status);
  }
  await replaceRemotePins(deps, account, pinned);
  deps.log.info('featured posts backfilled', { account: account.uri, pinned: pinned.length });
  return pinned.length;
}

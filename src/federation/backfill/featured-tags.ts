/**
 * Featured hashtags of a remote account: its `featuredTags` collection (Mastodon's
 * FetchFeaturedTagsCollectionService), read when the account is stored or refreshed
 * (featured-tags-queue.ts), replaces the hashtags Woolly shows on its profile. Only the
 * collection's first page is read, and only the Hashtag objects embedded in it: any other
 * item, and an item given only by its address, is refused without being fetched. The
 * collection and its page must be on the account's own server. A collection that cannot be
 * read changes nothing, and the log says why. Fetches are signed by the instance actor.
 */
import type { Federation } from '@fedify/fedify';
import { Collection, Hashtag, OrderedCollection } from '@fedify/vocab';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { replaceRemoteFeaturedTags } from '../../domain/tags/remote-featured-tags.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';

/** Items looked at, as for the featured posts (featured.ts); ten tags are kept of them. */
const maxItems = 20;

export interface FeaturedTagsPayload {
  accountId: string;
  /** The actor's `featuredTags`, as the document stored or refreshed named it. */
  url: string;
}

/** An item named only by its address is not fetched. */
const refuseItemFetch: DocumentLoader = (url) =>
  Promise.reject(new Error(`featured tag items are not fetched: ${url}`));

/** Reads the collection and makes its hashtags the account's; null when it was not read. */
export async function backfillFeaturedTags(
  federation: Federation<Deps>,
  deps: Deps,
  payload: FeaturedTagsPayload,
): Promise<number | null> {
  const account = await findAccountById(deps.db, payload.accountId);
  if (!account || account.domain === null || account.suspendedAt !== null) return null;
  if (await isDomainSuspended(deps, account.domain)) return null;
  const notRead = (reason: string, error?: unknown) => {
    deps.log.info('featured tags not read', {
      account: account.uri,
      url: payload.url,
      reason,
      error,
    });
    return null;
  };
  const origin = new URL(account.uri).origin;
  if (URL.parse(payload.url)?.origin !== origin) {
    return notRead("the collection is not on the account's server");
  }
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  let failure: unknown;
  const collection = await ctx
    .lookupObject(payload.url, { documentLoader })
    .catch((error: unknown) => {
      failure = error;
      return null;
    });
  if (!(collection instanceof OrderedCollection || collection instanceof Collection)) {
    return notRead(collection ? 'it is not a collection' : 'it could not be fetched', failure);
  }
  if (collection.firstId && collection.firstId.origin !== origin) {
    return notRead("its first page is not on the account's server");
  }
  const first = await collection.getFirst({ documentLoader }).catch((error: unknown) => {
    failure = error;
    return null;
  });
  if (collection.firstId && !first) return notRead('its first page could not be fetched', failure);
  const names: string[] = [];
  let seen = 0;
  for await (const item of (first ?? collection).getItems({
    documentLoader: refuseItemFetch,
    suppressError: true,
  })) {
    if (++seen > maxItems) break;
    if (item instanceof Hashtag && item.name) names.push(item.name.toString());
  }
  const featured = await replaceRemoteFeaturedTags(deps, account, names);
  deps.log.info('featured tags read', { account: account.uri, featured });
  return featured;
}

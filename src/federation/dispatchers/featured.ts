/**
 * A local account's `featured` collection (its pinned posts, whole, as Mastodon's
 * ActivityPub::CollectionsController serves `/users/:username/collections/featured`) and its
 * `featuredTags` collection (its featured hashtags as Hashtag objects,
 * `/users/:username/collections/tags`). Remote servers read them to show the pins and tags on
 * the profile; only public and unlisted posts that may leave the server are in `featured`.
 */
import type { Federation } from '@fedify/fedify';
import { Hashtag, type Note, type Question } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { countFeaturedTags } from '../../db/repositories/featured-tags.ts';
import { findStatusesByIds, type StatusRecord } from '../../db/repositories/statuses.ts';
import { listStatusPinIds } from '../../db/repositories/status-pins.ts';
import type { Deps } from '../../domain/context.ts';
import { featuredTagsOf } from '../../domain/tags/featured-tags.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import { mayFetchPublic } from './authorize.ts';
import { findPublishedAccount } from './local-account.ts';

export function registerFeaturedCollections(federation: Federation<Deps>): void {
  federation
    .setFeaturedDispatcher('/users/{identifier}/collections/featured', async (ctx, identifier) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account) return null;
      const items: (Note | Question)[] = [];
      for (const status of await shownPins(ctx.data, account)) {
        items.push(await toStatusObject(ctx, await loadNoteParts(ctx.data, status, account)));
      }
      return { items };
    })
    .setCounter(async (ctx, identifier) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      return account ? (await shownPins(ctx.data, account)).length : null;
    })
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));

  federation
    .setFeaturedTagsDispatcher('/users/{identifier}/collections/tags', async (ctx, identifier) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account) return null;
      const tags = await featuredTagsOf(ctx.data, account);
      return {
        items: tags.map(
          (tag) =>
            new Hashtag({
              href: new URL(`${ctx.origin}/tags/${encodeURIComponent(tag.tagName.toLowerCase())}`),
              name: `#${tag.name}`,
            }),
        ),
      };
    })
    .setCounter(async (ctx, identifier) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      return account ? countFeaturedTags(ctx.data.db, account.id) : null;
    })
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));
}

/** The pinned posts `account` shows other servers, the latest pinned first. */
async function shownPins(deps: Deps, account: AccountRecord): Promise<StatusRecord[]> {
  const order = await listStatusPinIds(deps.db, account.id);
  const pinned = new Map((await findStatusesByIds(deps.db, order)).map((s) => [s.id, s]));
  return order.flatMap((id) => {
    const s = pinned.get(id);
    const shown =
      s !== undefined &&
      s.accountId === account.id &&
      s.deletedAt === null &&
      !s.localOnly &&
      s.reblogOfId === null &&
      (s.visibility === 'public' || s.visibility === 'unlisted');
    return shown ? [s] : [];
  });
}

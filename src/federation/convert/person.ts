/**
 * A local account as the ActivityPub actor Mastodon publishes: its inbox, outbox and
 * collections, shared inbox, RSA key, profile fields as PropertyValue, avatar and header,
 * the custom emojis of its name, bio and fields as Emoji tags, and the flags remote servers
 * use (locked, discoverable, indexable).
 */
import type { Context } from '@fedify/fedify';
import {
  Application,
  Endpoints,
  Image,
  Person,
  PropertyValue,
  Service,
  type CryptographicKey,
  type Multikey,
} from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import { emojisByAccount, loadAccountViews } from '../../domain/accounts/account-views.ts';
import type { Deps } from '../../domain/context.ts';
import { contentTypeOfKey } from '../../media/storage/content-types.ts';
import { toEmoji } from './emoji.ts';

export interface ActorKeys {
  cryptographicKey: CryptographicKey;
  multikey: Multikey;
}

/** The actor of a local account, with its keys, where it moved and its emojis read. */
export async function toLocalActor(
  ctx: Context<Deps>,
  account: AccountRecord,
): Promise<Person | Service | Application> {
  const [keys, movedTo, emojis, [view]] = await Promise.all([
    ctx.getActorKeyPairs(account.username),
    movedToUri(ctx.data, account),
    emojisByAccount(ctx.data, [account]),
    loadAccountViews(ctx.data, [account]),
  ]);
  const images = { avatar: view?.avatarUrl ?? null, header: view?.headerUrl ?? null };
  return toPerson(ctx, account, keys, movedTo, emojis.get(account.id) ?? [], images);
}

/** An uploaded avatar or header as the Image Mastodon publishes (with its media type). */
function image(url: string | null): Image | null {
  if (!url) return null;
  const address = new URL(url);
  const mediaType = contentTypeOfKey(address.pathname);
  return new Image({ url: address, mediaType: mediaType.startsWith('image/') ? mediaType : null });
}

/**
 * `keys` as Fedify's `getActorKeyPairs` gives them, `movedTo` the id of the account it moved
 * to, `emojis` the local emojis its profile uses, `images` the URLs of its uploaded avatar and
 * header.
 */
function toPerson(
  ctx: Context<Deps>,
  account: AccountRecord,
  keys: readonly ActorKeys[],
  movedTo: string | null,
  emojis: readonly CustomEmojiRecord[],
  images: { avatar: string | null; header: string | null },
): Person | Service | Application {
  const identifier = account.username;
  const values = {
    id: ctx.getActorUri(identifier),
    preferredUsername: account.username,
    name: account.displayName,
    summary: account.note,
    url: new URL(account.url ?? `${ctx.origin}/@${account.username}`),
    inbox: ctx.getInboxUri(identifier),
    outbox: ctx.getOutboxUri(identifier),
    followers: ctx.getFollowersUri(identifier),
    following: ctx.getFollowingUri(identifier),
    featured: ctx.getFeaturedUri(identifier),
    featuredTags: ctx.getFeaturedTagsUri(identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    manuallyApprovesFollowers: account.locked,
    discoverable: account.discoverable ?? false,
    indexable: account.indexable,
    memorial: account.memorial,
    attachments: account.fields.map((f) => new PropertyValue({ name: f.name, value: f.value })),
    // The uploaded avatar and header (none: no icon or image, as Mastodon leaves them out).
    icon: image(images.avatar),
    image: image(images.header),
    published: Temporal.Instant.fromEpochMilliseconds(account.createdAt),
    // Account migration: the accounts it was (`alsoKnownAs`) and where it went (`movedTo`).
    aliases: account.alsoKnownAs.map((uri) => new URL(uri)),
    successor: movedTo ? new URL(movedTo) : null,
    tags: emojis.map((emoji) => toEmoji(ctx, emoji)),
  };
  // Mastodon publishes bots as Service (and its instance actor as Application).
  if (account.actorType === 'Service' || account.bot) return new Service(values);
  if (account.actorType === 'Application') return new Application(values);
  return new Person(values);
}

/** The id of the account `account` moved to, if it moved. */
async function movedToUri(deps: Pick<Deps, 'db'>, account: AccountRecord): Promise<string | null> {
  if (account.movedToAccountId === null) return null;
  return (await findAccountById(deps.db, account.movedToAccountId))?.uri ?? null;
}

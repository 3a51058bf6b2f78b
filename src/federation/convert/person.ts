/**
 * A local account as the ActivityPub actor Mastodon publishes: its inbox, outbox and
 * collections, shared inbox, RSA key, profile fields as PropertyValue, avatar and header,
 * and the flags remote servers use (locked, discoverable, indexable).
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
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';

export interface ActorKeys {
  cryptographicKey: CryptographicKey;
  multikey: Multikey;
}

/** The actor of a local account; `keys` as Fedify's `getActorKeyPairs` gives them. */
export function toPerson(
  ctx: Context<Deps>,
  account: AccountRecord,
  keys: readonly ActorKeys[],
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
    featured: account.featuredUrl ? new URL(account.featuredUrl) : null,
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
    manuallyApprovesFollowers: account.locked,
    discoverable: account.discoverable ?? false,
    indexable: account.indexable,
    memorial: account.memorial,
    attachments: account.fields.map((f) => new PropertyValue({ name: f.name, value: f.value })),
    icon: account.avatarRemoteUrl ? new Image({ url: new URL(account.avatarRemoteUrl) }) : null,
    image: account.headerRemoteUrl ? new Image({ url: new URL(account.headerRemoteUrl) }) : null,
    published: Temporal.Instant.fromEpochMilliseconds(account.createdAt),
  };
  // Mastodon publishes bots as Service (and its instance actor as Application).
  if (account.actorType === 'Service' || account.bot) return new Service(values);
  if (account.actorType === 'Application') return new Application(values);
  return new Person(values);
}

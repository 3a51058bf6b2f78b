/**
 * A remote actor document as the account Woolly keeps of it: names, sanitized bio and
 * fields, endpoints, the RSA key (the first `publicKey`, as Mastodon uses) and the custom
 * emojis of its `tag`. An actor without an inbox or a key cannot be followed or verified
 * and is not kept.
 */
import { Application, PropertyValue, Service, type Actor, type Image } from '@fedify/vocab';
import type { RemoteAccountInput } from '../../domain/accounts/upsert-remote-account.ts';
import { publicKeyPem } from '../keys.ts';
import { emojiTagsOf } from './emoji-tags.ts';
import { sanitizeRemoteHtml, stripHtml } from '../sanitize.ts';

async function imageUrl(image: Promise<Image | null>): Promise<string | null> {
  const found = await image.catch(() => null);
  const url = found?.url;
  if (!url) return null;
  return url instanceof URL ? url.href : (url.href?.href ?? null);
}

/** `knownKey`: the key Woolly has, for a profile update that does not repeat it. */
export async function remoteAccountFromActor(
  actor: Actor,
  knownKey: string | null = null,
): Promise<RemoteAccountInput | null> {
  const key = await actor.getPublicKey().catch(() => null);
  const publicKey = key?.publicKey ? publicKeyPem(key.publicKey) : knownKey;
  if (!actor.id || !actor.inboxId || !actor.preferredUsername || !publicKey) return null;
  const fields: RemoteAccountInput['fields'] = [];
  for await (const attachment of actor.getAttachments()) {
    if (attachment instanceof PropertyValue && attachment.name && attachment.value) {
      fields.push({
        name: stripHtml(attachment.name.toString()),
        value: sanitizeRemoteHtml(attachment.value.toString()),
      });
    }
  }
  const url = actor.url instanceof URL ? actor.url.href : (actor.url?.href?.href ?? null);
  return {
    uri: actor.id.href,
    username: actor.preferredUsername.toString(),
    domain: actor.id.host,
    url,
    displayName: stripHtml(actor.name?.toString() ?? ''),
    note: sanitizeRemoteHtml(actor.summary?.toString() ?? ''),
    fields: fields.slice(0, 16),
    locked: actor.manuallyApprovesFollowers ?? false,
    bot: actor instanceof Service || actor instanceof Application,
    actorType: actor.constructor.name,
    discoverable: actor.discoverable ?? null,
    indexable: actor.indexable ?? false,
    inboxUrl: actor.inboxId.href,
    outboxUrl: actor.outboxId?.href ?? null,
    sharedInboxUrl: actor.endpoints?.sharedInbox?.href ?? null,
    followersUrl: actor.followersId?.href ?? null,
    followingUrl: actor.followingId?.href ?? null,
    featuredUrl: actor.featuredId?.href ?? null,
    publicKey,
    avatarRemoteUrl: await imageUrl(actor.getIcon()),
    headerRemoteUrl: await imageUrl(actor.getImage()),
    alsoKnownAs: actor.aliasIds.map((u) => u.href),
    emojis: await emojiTagsOf(actor),
  };
}

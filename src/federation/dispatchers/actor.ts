/**
 * Local accounts as actors at /users/{username}, the instance actor at /actor, their key
 * pairs, and WebFinger: Fedify answers `acct:alice@domain` and the actor's URLs from this
 * dispatcher, with the username matched case-insensitively and the profile page `/@alice`
 * accepted as an alias.
 *
 * An account has two key pairs: its RSA pair first (the actor's `publicKey`, and what Fedify
 * signs HTTP requests with, as Mastodon verifies them), then its Ed25519 pair, published as a
 * second `assertionMethod` Multikey (FEP-521a) and signing the integrity proofs Fedify adds
 * to what the account sends (FEP-8b32). The instance actor has the RSA pair only, as
 * Mastodon's.
 */
import type { Federation } from '@fedify/fedify';
import { accountEd25519KeyPair } from '../../domain/accounts/ed25519-keys.ts';
import type { Deps } from '../../domain/context.ts';
import { toLocalActor } from '../convert/person.ts';
import { cryptoKeyPair } from '../keys.ts';
import { mayFetchPublic } from './authorize.ts';
import { instanceActor, instanceActorIdentifier, instanceActorKeyPair } from './instance-actor.ts';
import { findPublishedAccount } from './local-account.ts';

export function registerActorDispatcher(federation: Federation<Deps>): void {
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (identifier === instanceActorIdentifier) return instanceActor(ctx);
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account || account.username !== identifier) return null;
      return toLocalActor(ctx, account);
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      if (identifier === instanceActorIdentifier) return [await instanceActorKeyPair(ctx.data)];
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account?.privateKey) return [];
      const ed25519 = await accountEd25519KeyPair(ctx.data, account.id);
      return Promise.all([
        cryptoKeyPair(account.publicKey, account.privateKey),
        cryptoKeyPair(ed25519.publicKey, ed25519.privateKey),
      ]);
    })
    .mapHandle(async (ctx, username) => {
      return (await findPublishedAccount(ctx.data, username))?.username ?? null;
    })
    .mapAlias(async (ctx, resource) => {
      const profile = /^\/@([^/@]+)$/.exec(resource.pathname);
      if (resource.origin !== ctx.origin || !profile) return null;
      const account = await findPublishedAccount(ctx.data, decodeURIComponent(profile[1]!));
      return account ? { identifier: account.username } : null;
    })
    .mapActorAlias('/actor', instanceActorIdentifier)
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));
}

/**
 * Remote followers of a local account, for the tests and benchmarks that watch deliveries go
 * out: each is a remote account on `host` with its own inbox (and the server's shared inbox
 * unless told otherwise) that follows the local account. They share one RSA public key, made
 * once per process; nothing verifies it, but a remote actor must have one.
 */
import { generateKeyPairSync } from 'node:crypto';
import { insertFollow } from '../../src/db/repositories/follows.ts';
import { upsertRemoteAccount } from '../../src/domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../src/domain/context.ts';

let publicKey: string | null = null;

function remotePublicKey(): string {
  publicKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString();
  return publicKey;
}

export interface RemoteFollowerOptions {
  /** The follower's server, e.g. `srv1.test` (actor `http://<host>/users/<username>`). */
  host: string;
  username: string;
  /** Whether the server has a shared inbox (`http://<host>/inbox`); true unless told. */
  sharedInbox?: boolean;
}

/** Makes a remote account on `host` that follows `targetAccountId`; returns the account. */
export async function addRemoteFollower(
  deps: Deps,
  targetAccountId: string,
  { host, username, sharedInbox = true }: RemoteFollowerOptions,
) {
  const uri = `http://${host}/users/${username}`;
  const remote = await upsertRemoteAccount(deps, {
    uri,
    username,
    domain: host,
    url: null,
    displayName: '',
    note: '',
    fields: [],
    locked: false,
    bot: false,
    actorType: 'Person',
    discoverable: null,
    indexable: false,
    inboxUrl: `${uri}/inbox`,
    outboxUrl: null,
    sharedInboxUrl: sharedInbox ? `http://${host}/inbox` : null,
    followersUrl: null,
    followingUrl: null,
    featuredUrl: null,
    publicKey: remotePublicKey(),
    avatarRemoteUrl: null,
    headerRemoteUrl: null,
    alsoKnownAs: [],
  });
  await insertFollow(deps.db, 'follows', {
    id: deps.ids.next(),
    accountId: remote.id,
    targetAccountId,
    showReblogs: true,
    notify: false,
    languages: null,
    uri: `${uri}/follows/1`,
    createdAt: deps.clock.now(),
  });
  return remote;
}

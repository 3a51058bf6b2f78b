/**
 * A new local account as the `accounts` table holds it: its URLs laid out as Mastodon's, no
 * counts, no profile yet. The one place that builds such a record (sign-up, the CLI, the
 * Owner set-up and the benchmarks' seeding all go through it).
 *
 * @example localAccountRecord({ id: ids.next(), username: 'alice', baseUrl, now, keys })
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { localAccountUris } from './uris.ts';

export function localAccountRecord(input: {
  id: string;
  username: string;
  baseUrl: string;
  now: number;
  displayName?: string;
  /** The account's ActivityPub key pair; seeding may leave it empty. */
  keys?: { publicKey: string; privateKey: string } | null;
}): AccountRecord {
  const uris = localAccountUris(input.baseUrl, input.username);
  return {
    id: input.id,
    username: input.username,
    domain: null,
    displayName: input.displayName ?? '',
    note: '',
    noteSource: '',
    fields: [],
    locked: false,
    bot: false,
    actorType: 'Person',
    discoverable: null,
    indexable: false,
    hideCollections: null,
    memorial: false,
    uri: uris.uri,
    url: uris.url,
    inboxUrl: uris.inbox,
    outboxUrl: uris.outbox,
    sharedInboxUrl: uris.sharedInbox,
    followersUrl: uris.followers,
    followingUrl: uris.following,
    featuredUrl: uris.featured,
    publicKey: input.keys?.publicKey ?? '',
    privateKey: input.keys?.privateKey ?? null,
    avatarRemoteUrl: null,
    headerRemoteUrl: null,
    alsoKnownAs: [],
    movedToAccountId: null,
    statusesCount: 0,
    followersCount: 0,
    followingCount: 0,
    lastStatusAt: null,
    suspendedAt: null,
    silencedAt: null,
    sensitizedAt: null,
    fetchedAt: null,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

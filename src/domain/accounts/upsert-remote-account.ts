/**
 * ProcessAccountService: keeps Woolly's copy of an account on another server, as the
 * federation layer read it from the actor document. The first sight inserts it; later
 * sights refresh the profile, endpoints and key. Two deliveries racing to insert the same
 * actor both succeed: the unique `uri` decides and the loser reads the winner's row. An actor
 * whose handle (username@domain) another actor of that server already holds under another id
 * is refused with `HandleTakenError` (Lemmy answers under http: and https: ids alike).
 *
 * The input carries no wire-format names: the federation layer converts the actor, and the
 * HTML it gives has already been sanitized.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  findAccountByUri,
  findAccountByUsername,
  insertAccount,
  updateAccount,
  type AccountRecord,
  type ProfileField,
} from '../../db/repositories/accounts.ts';
import type { Deps } from '../context.ts';
import { storeRemoteEmojis, type RemoteEmoji } from '../custom-emojis/remote-emojis.ts';
import { domainBlockRule } from '../domain-blocks/rules.ts';

/** Another actor of the same server holds the handle under another id. */
export class HandleTakenError extends Error {
  readonly handle: string;
  readonly uri: string;
  readonly holderUri: string;

  constructor(handle: string, uri: string, holderUri: string) {
    super(`the handle ${handle} belongs to ${holderUri}, not to ${uri}`);
    this.name = 'HandleTakenError';
    this.handle = handle;
    this.uri = uri;
    this.holderUri = holderUri;
  }
}

export interface RemoteAccountInput {
  uri: string;
  username: string;
  /** The server's host, with its port when not the default. */
  domain: string;
  url: string | null;
  displayName: string;
  /** Sanitized HTML. */
  note: string;
  fields: { name: string; value: string }[];
  locked: boolean;
  bot: boolean;
  actorType: string;
  discoverable: boolean | null;
  indexable: boolean;
  inboxUrl: string;
  outboxUrl: string | null;
  sharedInboxUrl: string | null;
  followersUrl: string | null;
  followingUrl: string | null;
  featuredUrl: string | null;
  /** SPKI PEM. */
  publicKey: string;
  avatarRemoteUrl: string | null;
  headerRemoteUrl: string | null;
  alsoKnownAs: string[];
  /** The custom emojis its name, bio and fields use (kept as its server's, by shortcode). */
  emojis?: RemoteEmoji[];
}

function profile(input: RemoteAccountInput, now: number) {
  const fields: ProfileField[] = input.fields.map((f) => ({ ...f, verified_at: null }));
  return {
    username: input.username,
    domain: input.domain,
    url: input.url,
    displayName: input.displayName,
    note: input.note,
    fields,
    locked: input.locked,
    bot: input.bot,
    actorType: input.actorType,
    discoverable: input.discoverable,
    indexable: input.indexable,
    inboxUrl: input.inboxUrl,
    outboxUrl: input.outboxUrl,
    sharedInboxUrl: input.sharedInboxUrl,
    followersUrl: input.followersUrl,
    followingUrl: input.followingUrl,
    featuredUrl: input.featuredUrl,
    publicKey: input.publicKey,
    avatarRemoteUrl: input.avatarRemoteUrl,
    headerRemoteUrl: input.headerRemoteUrl,
    alsoKnownAs: input.alsoKnownAs,
    fetchedAt: now,
    updatedAt: now,
  };
}

export async function upsertRemoteAccount(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>,
  input: RemoteAccountInput,
): Promise<AccountRecord> {
  const now = deps.clock.now();
  // Every sight of the actor brings its emojis, first fetch included (Mastodon's).
  if (input.emojis) await storeRemoteEmojis(deps, input.domain, input.emojis);
  const existing = await findAccountByUri(deps.db, input.uri);
  if (existing) {
    if (existing.domain === null) return existing;
    // The handle stays what it was first seen as (Mastodon does not rename accounts).
    const changes = {
      ...profile(input, now),
      username: existing.username,
      domain: existing.domain,
    };
    const unchanged = Object.entries(changes).every(
      ([key, value]) =>
        key === 'fetchedAt' ||
        key === 'updatedAt' ||
        isDeepStrictEqual(existing[key as keyof AccountRecord], value),
    );
    // Every activity names its actor: only a real change is written and announced.
    if (unchanged) return existing;
    await updateAccount(deps.db, existing.id, changes);
    await deps.events.emit('account.updated', { accountId: existing.id });
    return { ...existing, ...changes };
  }
  // A server the instance blocked: its new accounts carry the block's mark, as Mastodon's.
  const block = await domainBlockRule(deps, input.domain);
  const account: AccountRecord = {
    id: deps.ids.next(),
    ...profile(input, now),
    noteSource: '',
    hideCollections: null,
    memorial: false,
    uri: input.uri,
    privateKey: null,
    movedToAccountId: null,
    statusesCount: 0,
    followersCount: 0,
    followingCount: 0,
    lastStatusAt: null,
    suspendedAt: block?.severity === 'suspend' ? block.createdAt : null,
    silencedAt: block?.severity === 'silence' ? block.createdAt : null,
    sensitizedAt: null,
    createdAt: now,
  };
  try {
    await insertAccount(deps.db, account);
  } catch (error) {
    const winner = await findAccountByUri(deps.db, input.uri);
    if (winner) return winner;
    const holder = await findAccountByUsername(deps.db, input.username, input.domain);
    if (holder)
      throw new HandleTakenError(`${input.username}@${input.domain}`, input.uri, holder.uri);
    throw error;
  }
  await deps.events.emit('account.created', { accountId: account.id, userId: null });
  return account;
}

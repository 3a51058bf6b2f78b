/**
 * Shared by the relationship tests: people with tokens, remote accounts, and a small client
 * that answers status, JSON body and `Link` header.
 */
import { insertAccount, type AccountRecord } from '../../src/db/repositories/accounts.ts';
import { postStatus, type NewStatus } from '../../src/domain/statuses/create-status.ts';
import type { NewLocalAccount } from '../../src/domain/accounts/create-local-account.ts';
import type { DomainEvents } from '../../src/domain/events.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export interface Answer {
  status: number;
  /** The JSON body when it is an object. */
  body: Record<string, unknown>;
  /** The JSON body when it is an array. */
  list: Record<string, unknown>[];
  link: string | null;
}

export interface Client {
  get(path: string): Promise<Answer>;
  post(path: string, json?: unknown): Promise<Answer>;
  delete(path: string, json?: unknown): Promise<Answer>;
}

/** Requests as the holder of `token` (or anonymously). */
export function client(w: TestWoolly, token?: string): Client {
  const call = async (method: string, path: string, payload?: unknown): Promise<Answer> => {
    const body = payload ?? (method === 'GET' ? undefined : {});
    const res = await w.request(path, { method, token, json: body });
    const text = await res.text();
    const json: unknown = text === '' ? null : JSON.parse(text);
    return {
      status: res.status,
      body: json && !Array.isArray(json) ? (json as Record<string, unknown>) : {},
      list: Array.isArray(json) ? (json as Record<string, unknown>[]) : [],
      link: res.headers.get('link'),
    };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, json) => call('POST', path, json),
    delete: (path, json) => call('DELETE', path, json),
  };
}

export interface Person {
  account: AccountRecord;
  token: string;
  api: Client;
}

/** A confirmed local account with a token holding read, write, follow and push. */
export async function person(
  w: TestWoolly,
  options: { scopes?: string[]; account?: Partial<NewLocalAccount> } = {},
): Promise<Person> {
  const made = await makeUserWithToken(w.deps, options);
  return { account: made.account, token: made.token, api: client(w, made.token) };
}

let remoteCounter = 0;

/** An account of another server, as federation would have stored it. */
export async function remoteAccount(
  w: TestWoolly,
  options: { domain?: string; username?: string; locked?: boolean } = {},
): Promise<AccountRecord> {
  remoteCounter += 1;
  const username = options.username ?? `remote${remoteCounter}`;
  const domain = options.domain ?? 'remote.example';
  const now = w.clock.now();
  const uri = `https://${domain}/users/${username}`;
  const account: AccountRecord = {
    id: w.deps.ids.next(),
    username,
    domain,
    displayName: '',
    note: '',
    noteSource: '',
    fields: [],
    locked: options.locked ?? false,
    bot: false,
    actorType: 'Person',
    discoverable: null,
    indexable: false,
    hideCollections: null,
    memorial: false,
    uri,
    url: `https://${domain}/@${username}`,
    inboxUrl: `${uri}/inbox`,
    outboxUrl: `${uri}/outbox`,
    sharedInboxUrl: `https://${domain}/inbox`,
    followersUrl: `${uri}/followers`,
    followingUrl: `${uri}/following`,
    featuredUrl: null,
    publicKey: '',
    privateKey: null,
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
    fetchedAt: now,
    createdAt: now,
    updatedAt: now,
  };
  await insertAccount(w.deps.db, account);
  return account;
}

/** A post by `author`, written through the posting service. */
export async function post(
  w: TestWoolly,
  author: Person,
  text: string,
  extra: Partial<NewStatus> = {},
) {
  const result = await postStatus(
    w.deps,
    { account: author.account, user: null },
    {
      text,
      spoilerText: null,
      sensitive: null,
      visibility: 'public',
      language: 'en',
      inReplyToId: null,
      quotedStatusId: null,
      quoteApprovalPolicy: null,
      mediaIds: null,
      poll: null,
      scheduledAt: null,
      contentType: null,
      localOnly: null,
      allowedMentions: null,
      applicationId: null,
      idempotencyKey: null,
      ...extra,
    },
  );
  if (result.kind !== 'status') throw new Error('expected a status');
  return result.status;
}

/** The account's row as it is now (for its counters). */
export async function reload(w: TestWoolly, account: AccountRecord) {
  const row = await w.deps.db.get<{ followers_count: number; following_count: number }>(
    'SELECT followers_count, following_count FROM accounts WHERE id = ?',
    [account.id],
  );
  return { followers: Number(row?.followers_count), following: Number(row?.following_count) };
}

/** Every event of `name` emitted from now on. */
export function recordEvents<K extends keyof DomainEvents>(
  w: TestWoolly,
  name: K,
): DomainEvents[K][] {
  const seen: DomainEvents[K][] = [];
  w.deps.events.on(name, (event) => {
    seen.push(event);
  });
  return seen;
}

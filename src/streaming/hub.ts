/**
 * The streaming hub: every open stream of this process (WebSocket or SSE), indexed by what
 * they listen to, so that a post reaches its readers without looking at anyone else. The
 * transports register clients and their channels here; fanout.ts decides who receives what.
 *
 * Index keys: `public`, `public:local:media`..., `hashtag:<tag>`, `hashtag:local:<tag>`,
 * `home:<accountId>` (the `user` stream), `notifications:<accountId>` (the `user` and
 * `user:notification` streams) and `list:<listId>`.
 */
import type { AccountRecord } from '../db/repositories/accounts.ts';
import { scopesAllow } from '../domain/oauth/scopes.ts';
import type { Channel } from './channels.ts';

/** One open stream as the hub sees it, whatever its transport. */
export interface StreamClient {
  /** The signed-in viewer; null for a signed-out SSE reader of a public stream. */
  readonly account: AccountRecord | null;
  readonly scopes: readonly string[];
  /** The viewer's chosen languages, read when the stream opened; null for all. */
  readonly languages: readonly string[] | null;
  /** The access token the stream was opened with; null for a signed-out SSE reader. */
  readonly tokenId: string | null;
  /** Ends the stream (its token was revoked). */
  close(): void;
  /**
   * Queues one frame. `payload` is already a string (JSON for entities, the id for `delete`),
   * as Mastodon sends it. A client too slow to take it is dropped, never buffered without end.
   */
  send(stream: readonly string[], event: string, payload: string | undefined): void;
}

export interface Subscription {
  client: StreamClient;
  channel: Channel;
}

export class StreamingHub {
  readonly #byKey = new Map<string, Set<Subscription>>();
  readonly #ofClient = new Map<StreamClient, Map<string, Subscription>>();

  /** How many clients are connected (for /api/v1/streaming/health and the benchmarks). */
  get clientCount(): number {
    return this.#ofClient.size;
  }

  /** Every connected client. */
  clients(): StreamClient[] {
    return [...this.#ofClient.keys()];
  }

  add(client: StreamClient): void {
    if (!this.#ofClient.has(client)) this.#ofClient.set(client, new Map());
  }

  /** Forgets `client` and all its subscriptions (its connection closed). */
  remove(client: StreamClient): void {
    for (const sub of this.#ofClient.get(client)?.values() ?? []) this.#unindex(sub);
    this.#ofClient.delete(client);
  }

  /** Subscribes `client` to `channel`; asking twice for one channel changes nothing. */
  subscribe(client: StreamClient, channel: Channel): void {
    this.add(client);
    const subs = this.#ofClient.get(client)!;
    if (subs.has(channel.key)) return;
    const sub: Subscription = { client, channel };
    subs.set(channel.key, sub);
    for (const key of indexKeys(client, channel)) {
      const set = this.#byKey.get(key) ?? new Set();
      set.add(sub);
      this.#byKey.set(key, set);
    }
  }

  unsubscribe(client: StreamClient, channel: Channel): void {
    const subs = this.#ofClient.get(client);
    const sub = subs?.get(channel.key);
    if (!subs || !sub) return;
    subs.delete(channel.key);
    this.#unindex(sub);
  }

  /** The subscriptions listening on index key `key`. */
  listeners(key: string): ReadonlySet<Subscription> {
    return this.#byKey.get(key) ?? empty;
  }

  /** Every account with a home stream open, for deciding whose home a post reaches. */
  homeAccountIds(): string[] {
    const ids: string[] = [];
    for (const key of this.#byKey.keys()) {
      if (key.startsWith('home:')) ids.push(key.slice('home:'.length));
    }
    return ids;
  }

  /** Every list someone streams. */
  streamedListIds(): string[] {
    const ids: string[] = [];
    for (const key of this.#byKey.keys()) {
      if (key.startsWith('list:')) ids.push(key.slice('list:'.length));
    }
    return ids;
  }

  #unindex(sub: Subscription): void {
    for (const key of indexKeys(sub.client, sub.channel)) {
      const set = this.#byKey.get(key);
      set?.delete(sub);
      if (set?.size === 0) this.#byKey.delete(key);
    }
  }
}

const empty: ReadonlySet<Subscription> = new Set();

function indexKeys(client: StreamClient, channel: Channel): string[] {
  const accountId = client.account?.id;
  switch (channel.name) {
    case 'user':
      if (!accountId) return [];
      // Mastodon's user stream carries notifications only for a token that may read them.
      return scopesAllow(client.scopes, ['read', 'read:notifications'])
        ? [`home:${accountId}`, `notifications:${accountId}`]
        : [`home:${accountId}`];
    case 'user:notification':
      return accountId ? [`notifications:${accountId}`] : [];
    case 'hashtag':
    case 'hashtag:local':
      return [`${channel.name}:${channel.tag}`];
    case 'list':
      return [`list:${channel.list}`];
    case 'direct':
      // Its events are `conversation` ones, for the signed-in viewer's conversations.
      return accountId ? [`direct:${accountId}`] : [];
    default:
      return [channel.name];
  }
}

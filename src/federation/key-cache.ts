/**
 * The public keys of remote actors, for verifying HTTP signatures: kept in memory as Fedify's
 * parsed key objects (the most recently used `limit` of them), and in the KvStore under the
 * entries Fedify's own inbox uses, so both read and fill the same cache and it outlives a
 * restart. Fedify's own cache keeps only the key's JSON-LD and reads it again (JSON-LD
 * expansion and a DER import) for every signature it checks; on a busy inbox that was about a
 * fifth of the cost of accepting an activity.
 *
 * A key that no longer verifies is fetched again by Fedify's verifier, which then `set`s the
 * new one (key rotation); an unavailable key is remembered for ten minutes, as Fedify does.
 *
 * @example const key = await verifyRequest(request, { keyCache: new MemoryKeyCache(kv), ... });
 */
import { CryptographicKey, Multikey } from '@fedify/vocab';
import type { KvKey, KvStore } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import type { DocumentLoader } from '@fedify/vocab-runtime';

type Key = CryptographicKey | Multikey;

/** Fedify's default KvStore prefix for public keys (`kvPrefixes.publicKey`). */
export const publicKeyPrefix = ['_fedify', 'publicKey'] as const;
const unavailableMs = 10 * 60_000;

export class MemoryKeyCache {
  readonly #kv: KvStore;
  readonly #limit: number;
  readonly #loaders: { contextLoader?: DocumentLoader; documentLoader?: DocumentLoader };
  /** Keys by id, least recently used first; null: unavailable until the time given. */
  readonly #keys = new Map<string, Key | { unavailableUntil: number }>();

  constructor(
    kv: KvStore,
    options: {
      limit?: number;
      contextLoader?: DocumentLoader;
      documentLoader?: DocumentLoader;
    } = {},
  ) {
    this.#kv = kv;
    this.#limit = options.limit ?? 10_000;
    this.#loaders = {
      contextLoader: options.contextLoader,
      documentLoader: options.documentLoader,
    };
  }

  async get(keyId: URL): Promise<Key | null | undefined> {
    const id = keyId.href;
    const kept = this.#keys.get(id);
    if (kept !== undefined) {
      if ('unavailableUntil' in kept) {
        if (kept.unavailableUntil > Date.now()) return null;
        this.#keys.delete(id);
      } else {
        this.#keys.delete(id);
        this.#keys.set(id, kept);
        return kept;
      }
    }
    const stored = await this.#kv.get(this.#kvKey(id));
    if (stored === undefined) return undefined;
    if (stored === null) {
      this.#remember(id, { unavailableUntil: Date.now() + unavailableMs });
      return null;
    }
    const key = await this.#parse(stored);
    if (key === undefined) {
      await this.#kv.delete(this.#kvKey(id));
      return undefined;
    }
    this.#remember(id, key);
    return key;
  }

  async set(keyId: URL, key: Key | null): Promise<void> {
    const id = keyId.href;
    if (key === null) {
      this.#remember(id, { unavailableUntil: Date.now() + unavailableMs });
      await this.#kv.set(this.#kvKey(id), null, {
        ttl: Temporal.Duration.from({ milliseconds: unavailableMs }),
      });
      return;
    }
    this.#remember(id, key);
    await this.#kv.set(this.#kvKey(id), await key.toJsonLd(this.#loaders));
  }

  #kvKey(id: string): KvKey {
    return [...publicKeyPrefix, id];
  }

  #remember(id: string, value: Key | { unavailableUntil: number }): void {
    this.#keys.delete(id);
    this.#keys.set(id, value);
    if (this.#keys.size > this.#limit) {
      const oldest = this.#keys.keys().next().value;
      if (oldest !== undefined) this.#keys.delete(oldest);
    }
  }

  async #parse(stored: unknown): Promise<Key | undefined> {
    try {
      return await CryptographicKey.fromJsonLd(stored, this.#loaders);
    } catch {
      try {
        return await Multikey.fromJsonLd(stored, this.#loaders);
      } catch {
        return undefined;
      }
    }
  }
}

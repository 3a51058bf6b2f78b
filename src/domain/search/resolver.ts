/**
 * The ports through which search asks another server for an account by its handle
 * (`bob@example.com`: WebFinger, then the actor), or for what a URL names, for `resolve=true`. The federation layer
 * implements it and app.ts hands it to the API; without one, search finds only what this
 * server already stores.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';

export type AccountResolver = (handle: string) => Promise<AccountRecord | null>;

/**
 * Fetches what a URL names from its server and stores it (a post or an account), for
 * `resolve=true` with a URL; search then finds it among what is stored.
 */
export type UrlResolver = (url: string) => Promise<void>;

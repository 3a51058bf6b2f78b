/**
 * The port through which search asks another server for an account by its handle
 * (`bob@example.com`: WebFinger, then the actor), for `resolve=true`. The federation layer
 * implements it and app.ts hands it to the API; without one, search finds only what this
 * server already stores.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';

export type AccountResolver = (handle: string) => Promise<AccountRecord | null>;

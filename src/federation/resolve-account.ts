/**
 * Finding an account on another server by its handle (`bob@example.com`): WebFinger, then
 * its actor document, then Woolly's copy of it through UpsertRemoteAccount. This is what
 * search with `resolve=true` and following a handle need; it answers null when the handle
 * leads nowhere usable.
 *
 * @example const bob = await resolveRemoteAccount(federation, deps, 'bob@example.com');
 */
import type { Federation } from '@fedify/fedify';
import { isActor } from '@fedify/vocab';
import type { AccountRecord } from '../db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../domain/context.ts';
import { queueFeaturedTagsRead } from './backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from './convert/actor.ts';
import { instanceActorIdentifier } from './dispatchers/instance-actor.ts';

export async function resolveRemoteAccount(
  federation: Federation<Deps>,
  deps: Deps,
  handle: string,
): Promise<AccountRecord | null> {
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const acct = `acct:${handle.replace(/^acct:/i, '').replace(/^@/, '')}`;
  // Signed by the instance actor: servers in secure mode answer only signed requests.
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const actor = await ctx.lookupObject(acct, { documentLoader }).catch((error: unknown) => {
    deps.log.info('could not resolve a remote account', { handle, error });
    return null;
  });
  if (!isActor(actor)) return null;
  const input = await remoteAccountFromActor(actor);
  if (!input) return null;
  const account = await upsertRemoteAccount(deps, input);
  await queueFeaturedTagsRead(deps, account, actor);
  return account;
}

/**
 * Fetching what a URL names from its server, for searches with `resolve=true` (Mastodon's
 * ResolveURLService): a post (a Note, or another type convert/status-object.ts takes, public or unlisted, stored with its author and its
 * quote as a backfilled one is: backfill/store-note.ts) or an account (an actor, through
 * UpsertRemoteAccount). Fetches are signed by the instance actor; a URL of this server, of a
 * suspended domain or that leads nowhere usable stores nothing.
 *
 * @example await resolveRemoteUrl(federation, deps, 'https://example.com/@bob/1');
 */
import type { Federation } from '@fedify/fedify';
import { isActor } from '@fedify/vocab';
import { upsertRemoteAccount } from '../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../domain/context.ts';
import { isDomainSuspended } from '../domain/domain-blocks/rules.ts';
import { queueFeaturedTagsRead } from './backfill/featured-tags-queue.ts';
import { storeFetchedNote } from './backfill/store-note.ts';
import { remoteAccountFromActor } from './convert/actor.ts';
import { isStatusObject } from './convert/status-object.ts';
import { instanceActorIdentifier } from './dispatchers/instance-actor.ts';

export async function resolveRemoteUrl(
  federation: Federation<Deps>,
  deps: Deps,
  url: string,
): Promise<void> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return;
  }
  if (target.origin === new URL(deps.config.baseUrl).origin) return;
  if (await isDomainSuspended(deps, target.hostname)) return;
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const found = await ctx.lookupObject(target.href, { documentLoader }).catch((error: unknown) => {
    deps.log.info('could not resolve a remote URL', { url: target.href, error });
    return null;
  });
  if (isStatusObject(found)) {
    await storeFetchedNote(ctx, found, documentLoader);
  } else if (isActor(found) && found.id && !(await isDomainSuspended(deps, found.id.hostname))) {
    const input = await remoteAccountFromActor(found);
    if (input) await queueFeaturedTagsRead(deps, await upsertRemoteAccount(deps, input), found);
  }
}

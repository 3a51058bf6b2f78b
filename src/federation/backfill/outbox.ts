/**
 * Outbox backfill: when a local account starts following a remote one, that account's
 * recent public posts are fetched from its outbox (newest first, at most `maxPosts`, from
 * the first pages), so that they show on its profile and in the follower's home feed at once
 * instead of only from the next post on. Storing goes through CreateRemoteStatus, whose
 * unique URIs make a second run change nothing. Fetches are signed by the instance actor.
 */
import type { Federation } from '@fedify/fedify';
import { Create, isActor, OrderedCollection, Collection } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { resolveRemoteQuote } from '../inbox/quote.ts';

export const maxPosts = 20;
/** Items looked at, boosts and other activities included, before giving up. */
const maxItems = 60;

export interface OutboxBackfillPayload {
  accountId: string;
}

/** Fetches and stores up to `maxPosts` recent posts of the remote account; returns how many. */
export async function backfillOutbox(
  federation: Federation<Deps>,
  deps: Deps,
  payload: OutboxBackfillPayload,
): Promise<number> {
  const account = await findAccountById(deps.db, payload.accountId);
  if (!account || account.domain === null || account.suspendedAt !== null) return 0;
  if (await isDomainSuspended(deps, account.domain)) return 0;
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const actor = await ctx.lookupObject(account.uri, { documentLoader });
  if (!isActor(actor) || !actor.outboxId) return 0;
  const outbox = await actor.getOutbox({ documentLoader });
  if (!(outbox instanceof OrderedCollection || outbox instanceof Collection)) return 0;

  let stored = 0;
  let seen = 0;
  for await (const item of ctx.traverseCollection(outbox, { documentLoader })) {
    if (++seen > maxItems || stored >= maxPosts) break;
    if (!(item instanceof Create) || item.actorId?.href !== account.uri) continue;
    const note = await item.getObject({ documentLoader }).catch(() => null);
    // Only the account's own posts, from its own server.
    if (!isStatusObject(note) || note.attributionId?.href !== account.uri) continue;
    if (note.id?.origin !== new URL(account.uri).origin) continue;
    const input = await remoteStatusFromNote(deps, note, account, deps.clock.now());
    if (!input || (input.visibility !== 'public' && input.visibility !== 'unlisted')) continue;
    // Its quote as a delivered post's (inbox/quote.ts), resolved for posts not yet stored.
    const known = await findStatusByUri(deps.db, note.id.href);
    const quote = known ? null : await resolveRemoteQuote(ctx, note, account, documentLoader);
    if (!known) await createRemoteStatus(deps, { ...input, quote });
    stored += 1;
  }
  deps.log.info('outbox backfilled', { account: account.uri, stored });
  return stored;
}

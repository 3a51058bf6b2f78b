/**
 * Relays going out. Adding a relay sends it Follow from the instance actor with the public
 * collection as object (what Mastodon and LitePub relays expect); removing it sends
 * Undo(Follow). Public posts and boosts, profile updates and account deletions also go to
 * the relays that accepted, in the same delivery as their other recipients (Mastodon's
 * StatusReachFinder and AccountReachFinder).
 */
import type { Context } from '@fedify/fedify';
import { Follow, PUBLIC_COLLECTION, Undo, type Recipient } from '@fedify/vocab';
import { acceptedRelayInboxes, findRelayById } from '../../db/repositories/relays.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';

// Mastodon knows a relay by its inbox only; Fedify wants an id for each recipient, so the
// inbox stands for it.
const relayRecipient = (inboxUrl: string): Recipient => ({
  id: new URL(inboxUrl),
  inboxId: new URL(inboxUrl),
});

async function sendFromInstance(ctx: Context<Deps>, inboxUrl: string, activity: Follow | Undo) {
  if (await isDomainSuspended(ctx.data, new URL(inboxUrl).hostname)) return;
  try {
    await ctx.sendActivity(
      { identifier: instanceActorIdentifier },
      relayRecipient(inboxUrl),
      activity,
    );
  } catch (error) {
    ctx.data.log.error('could not queue an activity for a relay', { relay: inboxUrl, error });
  }
}

const followOf = (ctx: Context<Deps>, followActivityId: string) =>
  new Follow({
    id: new URL(followActivityId),
    actor: ctx.getActorUri(instanceActorIdentifier),
    object: PUBLIC_COLLECTION,
  });

export async function onRelayAdded(
  ctx: Context<Deps>,
  event: DomainEvents['relay.added'],
): Promise<void> {
  const relay = await findRelayById(ctx.data.db, event.relayId);
  if (!relay) return;
  await sendFromInstance(ctx, relay.inboxUrl, followOf(ctx, relay.followActivityId));
}

export async function onRelayRemoved(
  ctx: Context<Deps>,
  event: DomainEvents['relay.removed'],
): Promise<void> {
  const follow = followOf(ctx, event.followActivityId);
  await sendFromInstance(
    ctx,
    event.inboxUrl,
    new Undo({
      id: new URL(`${event.followActivityId}/undo`),
      actor: follow.actorId,
      object: follow,
    }),
  );
}

/** The relays that accepted the instance (and are not on a suspended server). */
export async function acceptedRelays(deps: Deps): Promise<Recipient[]> {
  const recipients: Recipient[] = [];
  for (const inboxUrl of await acceptedRelayInboxes(deps.db)) {
    if (await isDomainSuspended(deps, new URL(inboxUrl).hostname)) continue;
    recipients.push(relayRecipient(inboxUrl));
  }
  return recipients;
}

/**
 * The relays a local post (or boost) goes to, as Mastodon's StatusReachFinder: the accepted
 * ones when it is public, never when unlisted, private, direct or local-only.
 */
export async function relayRecipients(deps: Deps, status: StatusRecord): Promise<Recipient[]> {
  if (status.visibility !== 'public' || status.localOnly) return [];
  return acceptedRelays(deps);
}

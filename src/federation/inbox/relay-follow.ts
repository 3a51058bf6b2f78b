/**
 * A Follow of the instance actor (/actor). A LitePub relay the instance follows sends one
 * after accepting the instance's Follow, and relays nothing until it is accepted: Woolly
 * answers Accept and records it (domain/relays/relay-follow-back.ts). Nobody else may follow
 * the instance actor: as Mastodon does, Woolly answers Reject. An Undo of the relay's Follow
 * forgets it.
 */
import type { InboxContext } from '@fedify/fedify';
import { Accept, Reject, type Follow } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import {
  acceptRelayFollowBack,
  endRelayFollowBack,
} from '../../domain/relays/relay-follow-back.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { recipientOf } from '../outbox/deliver.ts';
import { senderAccount } from './accounts.ts';
import { followAnswerId } from './follow-answer-id.ts';

/** Whether `follow` is of the instance actor. */
export function followsInstanceActor(ctx: InboxContext<Deps>, follow: Follow): boolean {
  const parsed = follow.objectId ? ctx.parseUri(follow.objectId) : null;
  return parsed?.type === 'actor' && parsed.identifier === instanceActorIdentifier;
}

/** Answers a Follow of the instance actor: Accept from a relay of ours, else Reject. */
export async function onInstanceActorFollow(
  ctx: InboxContext<Deps>,
  follow: Follow,
): Promise<void> {
  if (!follow.id) return;
  const sender = await senderAccount(ctx, follow);
  const recipient = sender ? recipientOf(sender) : null;
  if (!sender || !recipient) return;
  if (await isDomainSuspended(ctx.data, sender.domain)) return;
  const relays = await acceptRelayFollowBack(ctx.data, sender, follow.id.href);
  const answer = relays ? Accept : Reject;
  const actor = ctx.getActorUri(instanceActorIdentifier);
  await ctx.sendActivity(
    { identifier: instanceActorIdentifier },
    recipient,
    new answer({
      id: followAnswerId(actor, answer === Accept, follow.id),
      actor,
      object: follow,
      tos: [new URL(sender.uri)],
    }),
  );
}

/** Undo of a Follow of the instance actor: a relay stops following it back. */
export async function onInstanceActorUnfollow(
  ctx: InboxContext<Deps>,
  follow: Follow,
  sender: { uri: string; inboxUrl: string | null; sharedInboxUrl: string | null },
): Promise<void> {
  if (follow.id) await endRelayFollowBack(ctx.data, sender, follow.id.href);
}

/**
 * Accept or Reject of the Follow the instance actor sent a relay (outbox/relays.ts): the
 * relay's state becomes `accepted` or `rejected`. Relays answer with the Follow's id or the
 * Follow embedded; either way its id names the relay. Only the relay's own server may answer.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Accept, Reject } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { answerRelayFollow } from '../../domain/relays/answer-relay.ts';

/** Whether `answer` was about a relay Follow (handled here), so the caller stops. */
export async function onRelayAnswer(
  ctx: InboxContext<Deps>,
  answer: Accept | Reject,
  accepted: boolean,
): Promise<boolean> {
  const followId = answer.objectId;
  if (!followId || followId.origin !== ctx.origin || !followId.hash.startsWith('#relays/')) {
    return false;
  }
  const sender = answer.actorId;
  if (sender) await answerRelayFollow(ctx.data, followId.href, sender.origin, accepted);
  return true;
}

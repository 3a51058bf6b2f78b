/**
 * Follows going out. A local account asking to follow a remote one sends Follow (its id
 * names the sender, see inbox/our-follow.ts); withdrawing or ending it sends Undo(Follow).
 * A local account deciding on a remote account's request sends Accept or Reject of that
 * account's Follow.
 */
import type { Context } from '@fedify/fedify';
import { Accept, Follow, Reject, Undo } from '@fedify/vocab';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findFollow } from '../../db/repositories/follows.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { followFragment } from '../inbox/our-follow.ts';
import { activityId, type Outbound } from './activity-ids.ts';
import { deliver } from './deliver.ts';

type Pair = { accountId: string; targetAccountId: string };

async function pair(ctx: Context<Deps>, event: Pair) {
  const accounts = await findAccountsByIds(ctx.data.db, [event.accountId, event.targetAccountId]);
  const source = accounts.find((a) => a.id === event.accountId);
  const target = accounts.find((a) => a.id === event.targetAccountId);
  return source && target ? { source, target } : null;
}

const localToRemote = (p: { source: AccountRecord; target: AccountRecord }) =>
  p.source.domain === null && p.target.domain !== null;
const remoteToLocal = (p: { source: AccountRecord; target: AccountRecord }) =>
  p.source.domain !== null && p.target.domain === null;

export async function onFollowRequested(
  ctx: Context<Deps>,
  event: DomainEvents['follow.requested'],
): Promise<void> {
  const p = await pair(ctx, event);
  if (!p || !localToRemote(p)) return;
  const actor = ctx.getActorUri(p.source.username);
  await deliver(
    ctx,
    p.source,
    [p.target],
    new Follow({
      id: new URL(`${actor.href}#${followFragment}${event.requestId}`),
      actor,
      object: new URL(p.target.uri),
    }),
  );
}

export async function onFollowRemoved(
  ctx: Context<Deps>,
  event: Outbound<'follow.removed'>,
): Promise<void> {
  const p = await pair(ctx, event);
  if (!p || !localToRemote(p)) return;
  const actor = ctx.getActorUri(p.source.username);
  await deliver(
    ctx,
    p.source,
    [p.target],
    new Undo({
      id: activityId(ctx, actor, `${followFragment}undo`, event),
      actor,
      object: new Follow({ actor, object: new URL(p.target.uri) }),
    }),
  );
}

/** Accept or Reject of a remote account's Follow, naming it by its id when Woolly has it. */
async function answer(
  ctx: Context<Deps>,
  event: Pair & { outboxKey?: string },
  kind: typeof Accept | typeof Reject,
) {
  const p = await pair(ctx, event);
  if (!p || !remoteToLocal(p)) return;
  const follow = await findFollow(ctx.data.db, 'follows', p.source.id, p.target.id);
  const actor = ctx.getActorUri(p.target.username);
  await deliver(
    ctx,
    p.target,
    [p.source],
    new kind({
      id: activityId(ctx, actor, 'answers', event),
      actor,
      object: new Follow({
        id: follow?.uri ? new URL(follow.uri) : null,
        actor: new URL(p.source.uri),
        object: actor,
      }),
    }),
  );
}

export async function onFollowAccepted(
  ctx: Context<Deps>,
  event: Outbound<'follow.accepted'>,
): Promise<void> {
  await answer(ctx, event, Accept);
}

export async function onFollowRejected(
  ctx: Context<Deps>,
  event: Outbound<'follow.rejected'>,
): Promise<void> {
  await answer(ctx, event, Reject);
}

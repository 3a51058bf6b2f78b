/** A local account that moved tells its remote followers with Move (actor = object = it). */
import type { Context } from '@fedify/fedify';
import { Move, PUBLIC_COLLECTION } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { remoteFollowers } from './audience.ts';
import { activityId, type Outbound } from './activity-ids.ts';
import { deliver } from './deliver.ts';

export async function onAccountMoved(
  ctx: Context<Deps>,
  event: Outbound<'account.moved'>,
): Promise<void> {
  const [account, target] = await Promise.all([
    findAccountById(ctx.data.db, event.accountId),
    findAccountById(ctx.data.db, event.targetAccountId),
  ]);
  if (!account || account.domain !== null || !target) return;
  const actor = ctx.getActorUri(account.username);
  await deliver(
    ctx,
    account,
    await remoteFollowers(ctx.data, account.id),
    new Move({
      id: activityId(ctx, actor, 'moves', event),
      actor,
      object: actor,
      target: new URL(target.uri),
      to: PUBLIC_COLLECTION,
    }),
  );
}

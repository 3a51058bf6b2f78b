/** A local account's new profile goes to its remote followers (and relays) as Update(Person). */
import type { Context } from '@fedify/fedify';
import { PUBLIC_COLLECTION, Update } from '@fedify/vocab';
import { findAccountById } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import { toLocalActor } from '../convert/person.ts';
import { remoteFollowers } from './audience.ts';
import { activityId, type Outbound } from './activity-ids.ts';
import { deliver } from './deliver.ts';
import { acceptedRelays } from './relays.ts';

export async function onAccountUpdated(
  ctx: Context<Deps>,
  event: Outbound<'account.updated'>,
): Promise<void> {
  const account = await findAccountById(ctx.data.db, event.accountId);
  if (!account || account.domain !== null || account.suspendedAt !== null) return;
  const followers = await remoteFollowers(ctx.data, account.id);
  const relays = await acceptedRelays(ctx.data);
  if (followers.length === 0 && relays.length === 0) return;
  const person = await toLocalActor(ctx, account);
  await deliver(
    ctx,
    account,
    followers,
    new Update({
      id: activityId(ctx, person.id!, 'updates', event),
      actor: person.id,
      tos: [PUBLIC_COLLECTION],
      object: person,
    }),
    relays,
  );
}

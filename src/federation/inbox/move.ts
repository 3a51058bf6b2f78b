/**
 * Move: a remote account announces that it moved (actor and object are the old account,
 * target the new one). The new account is read fresh from its server (or is a local one),
 * and the move is taken only if it names the old one among its aliases; then the local
 * followers follow it (domain/migration).
 */
import type { InboxContext } from '@fedify/fedify';
import { isActor, type Move } from '@fedify/vocab';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { acceptRemoteMove } from '../../domain/migration/move-account.ts';
import { queueFeaturedTagsRead } from '../backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { localAccountAt, senderAccount } from './accounts.ts';

async function targetAccount(ctx: InboxContext<Deps>, move: Move): Promise<AccountRecord | null> {
  if (!move.targetId) return null;
  const local = await localAccountAt(ctx, move.targetId);
  if (local) return local;
  const actor = await move.getTarget(ctx).catch(() => null);
  if (!isActor(actor) || actor.id?.href !== move.targetId.href) return null;
  const input = await remoteAccountFromActor(actor);
  if (!input) return null;
  const account = await upsertRemoteAccount(ctx.data, input);
  await queueFeaturedTagsRead(ctx.data, account, actor);
  return account;
}

export async function onMove(ctx: InboxContext<Deps>, move: Move): Promise<void> {
  if (!move.actorId || move.objectId?.href !== move.actorId.href) return;
  const origin = await senderAccount(ctx, move);
  const target = origin ? await targetAccount(ctx, move) : null;
  if (!origin || !target) return;
  if (!(await acceptRemoteMove(ctx.data, origin, target))) {
    ctx.data.log.info('inbox: a Move was refused: the target does not alias the account', {
      origin: origin.uri,
      target: target.uri,
    });
  }
}

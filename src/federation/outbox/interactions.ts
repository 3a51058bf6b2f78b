/**
 * Favourites and blocks going out: a local account's favourite of a remote post is a Like
 * to its author (Undo(Like) when taken back); blocking a remote account sends Block (and
 * Undo(Block)), as Mastodon does, so its server can hide the blocker from it.
 */
import type { Context } from '@fedify/fedify';
import { Block, Like, Undo } from '@fedify/vocab';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { activityId, type Outbound } from './activity-ids.ts';
import { deliver } from './deliver.ts';

async function localAndRemote(ctx: Context<Deps>, localId: string, remoteId: string) {
  const accounts = await findAccountsByIds(ctx.data.db, [localId, remoteId]);
  const local = accounts.find((a) => a.id === localId && a.domain === null);
  const remote = accounts.find((a) => a.id === remoteId && a.domain !== null);
  return local && remote ? { local, remote } : null;
}

async function statusUri(ctx: Context<Deps>, id: string): Promise<string | null> {
  const row = await ctx.data.db.get<{ uri: string }>('SELECT uri FROM statuses WHERE id = ?', [id]);
  return row?.uri ?? null;
}

export async function onFavourited(
  ctx: Context<Deps>,
  event: DomainEvents['status.favourited'],
): Promise<void> {
  const p = await localAndRemote(ctx, event.accountId, event.targetAccountId);
  const uri = p ? await statusUri(ctx, event.statusId) : null;
  if (!p || !uri) return;
  const actor = ctx.getActorUri(p.local.username);
  await deliver(
    ctx,
    p.local,
    [p.remote],
    new Like({
      id: new URL(`${actor.href}#likes/${event.favouriteId}`),
      actor,
      object: new URL(uri),
    }),
  );
}

export async function onUnfavourited(
  ctx: Context<Deps>,
  event: Outbound<'status.unfavourited'>,
): Promise<void> {
  const p = await localAndRemote(ctx, event.accountId, event.targetAccountId);
  const uri = p ? await statusUri(ctx, event.statusId) : null;
  if (!p || !uri) return;
  const actor = ctx.getActorUri(p.local.username);
  await deliver(
    ctx,
    p.local,
    [p.remote],
    new Undo({
      id: activityId(ctx, actor, 'likes/undo', event),
      actor,
      object: new Like({ actor, object: new URL(uri) }),
    }),
  );
}

export async function onBlockCreated(
  ctx: Context<Deps>,
  event: Outbound<'block.created'>,
): Promise<void> {
  const p = await localAndRemote(ctx, event.accountId, event.targetAccountId);
  if (!p) return;
  const actor = ctx.getActorUri(p.local.username);
  await deliver(
    ctx,
    p.local,
    [p.remote],
    new Block({
      id: activityId(ctx, actor, 'blocks', event),
      actor,
      object: new URL(p.remote.uri),
    }),
  );
}

export async function onBlockRemoved(
  ctx: Context<Deps>,
  event: Outbound<'block.removed'>,
): Promise<void> {
  const p = await localAndRemote(ctx, event.accountId, event.targetAccountId);
  if (!p) return;
  const actor = ctx.getActorUri(p.local.username);
  await deliver(
    ctx,
    p.local,
    [p.remote],
    new Undo({
      id: activityId(ctx, actor, 'blocks/undo', event),
      actor,
      object: new Block({ actor, object: new URL(p.remote.uri) }),
    }),
  );
}

/**
 * Block: a remote account blocks a local one, through the same BlockService (which ends the
 * follows between them either way).
 */
import type { InboxContext } from '@fedify/fedify';
import type { Block } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { blockAccount } from '../../domain/relationships/block.ts';
import { localAccountAt, senderAccount } from './accounts.ts';
import { notActedOn } from './unhandled.ts';

export async function onBlock(ctx: InboxContext<Deps>, block: Block): Promise<void> {
  const target = await localAccountAt(ctx, block.objectId);
  if (!target) return notActedOn(ctx, block, 'its object is no local account');
  const actor = await senderAccount(ctx, block);
  if (actor) await blockAccount(ctx.data, actor, target);
}

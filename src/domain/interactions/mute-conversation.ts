/**
 * Muting and unmuting a thread (POST /api/v1/statuses/:id/mute and /unmute): the viewer stops
 * (or starts again) being notified about replies, favourites and boosts in the conversation
 * the post belongs to. The post must be visible (else 404); a boost stands for the boosted
 * post, whose thread is the one meant. Both are idempotent.
 */
import { AppError } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteConversationMute,
  insertConversationMute,
} from '../../db/repositories/conversation-mutes.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { findInteractionTarget } from './target.ts';

async function threadOf(
  deps: Pick<Deps, 'db' | 'clock'>,
  account: AccountRecord,
  id: string,
): Promise<{ shown: StatusRecord; conversationId: string }> {
  const { shown, proper } = await findInteractionTarget(deps, account, id);
  // Every local post has a conversation; Mastodon answers a post without one with its bare
  // ValidationError, whose message is the class name.
  if (proper.conversationId === null) throw new AppError(422, 'Mastodon::ValidationError');
  return { shown, conversationId: proper.conversationId };
}

export async function muteConversation(
  deps: Pick<Deps, 'db' | 'clock'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown, conversationId } = await threadOf(deps, account, id);
  await insertConversationMute(deps.db, account.id, conversationId);
  return shown;
}

export async function unmuteConversation(
  deps: Pick<Deps, 'db' | 'clock'>,
  account: AccountRecord,
  id: string,
): Promise<StatusRecord> {
  const { shown, conversationId } = await threadOf(deps, account, id);
  await deleteConversationMute(deps.db, account.id, conversationId);
  return shown;
}

/**
 * ReactToStatusService and UnreactToStatusService (Pleroma's `PUT` and `DELETE
 * /api/v1/pleroma/statuses/:id/reactions/:emoji`): a local account adds or takes back an emoji
 * reaction. As for favourites, the id must name a status the account may see (else 404), a
 * boost stands for the boosted post, and reacting to an author one blocks is refused (403).
 * Reacting twice with one emoji keeps one reaction; taking back a reaction that is not there
 * changes nothing. The write and its event (`status.reacted`, `status.unreacted`: the
 * author's notification, federation's EmojiReact or Undo) are react.ts's.
 *
 * @example await reactToStatus(deps, account, statusId, '🎉');
 */
import { AppError, forbidden } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { findInteractionTarget, reloadStatus } from '../interactions/target.ts';
import { addReaction, removeReaction } from './react.ts';
import { parseReactionEmoji, reactionEmoji } from './reaction-emoji.ts';

/** Reacts to the post `id` names with `emoji`; answers with the status shown. */
export async function reactToStatus(
  deps: Deps,
  account: AccountRecord,
  id: string,
  emoji: string,
): Promise<StatusRecord> {
  const { shown, proper, facts } = await findInteractionTarget(deps, account, id);
  if (facts.blocking.has(proper.accountId)) throw forbidden();
  const input = await reactionEmoji(deps, proper, emoji);
  await addReaction(deps, account, proper, input);
  return reloadStatus(deps, shown);
}

/** Takes back the account's reaction `emoji` to the post `id` names. */
export async function unreactToStatus(
  deps: Deps,
  account: AccountRecord,
  id: string,
  emoji: string,
): Promise<StatusRecord> {
  const { shown, proper } = await findInteractionTarget(deps, account, id);
  const parsed = parseReactionEmoji(emoji, deps.config.localDomain);
  if (!parsed) throw new AppError(400, 'Could not remove reaction emoji');
  await removeReaction(deps, account, proper.id, parsed.name);
  return reloadStatus(deps, shown);
}

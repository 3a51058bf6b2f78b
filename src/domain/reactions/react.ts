/**
 * Emoji reactions (Pleroma/Akkoma's EmojiReact, Misskey's reactions): an account reacts to a
 * status it may see with a unicode emoji or a custom emoji. Reactions are kept apart from
 * favourites, so `favourites_count` counts favourites only. Reacting twice with the same
 * emoji keeps one reaction; taking back one that is not there changes nothing. Each change
 * emits `status.reacted` or `status.unreacted` with its write (notifications, federation).
 */
import type { Queryable } from '../../db/database.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  insertReaction,
  takeReaction,
  takeReactionByUri,
  type StatusReactionRecord,
} from '../../db/repositories/status-reactions.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { ReactionEvent } from '../events.ts';
import { checkAccess } from '../statuses/access.ts';
import { transactionWithEvents } from '../transaction.ts';

export interface ReactionInput {
  /** A unicode emoji, or a custom emoji's shortcode. */
  name: string;
  /** Whether `name` is a custom emoji's shortcode. */
  custom: boolean;
  /** The server of the custom emoji; null for a unicode emoji or a local custom one. */
  emojiDomain: string | null;
  /** The id of the activity that reacted (for Undo), if remote. */
  uri: string | null;
}

const shortcode = /^[a-zA-Z0-9_]{2,64}$/;
// One emoji: pictographs with their modifiers, joiners and variation selectors, or flags.
const unicodeEmoji =
  /^(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*)$/u;

/** Whether `name` is a reaction Woolly keeps: one unicode emoji, or a custom emoji's shortcode. */
export function isReactionName(name: string, custom: boolean): boolean {
  return custom ? shortcode.test(name) : unicodeEmoji.test(name);
}

/** Adds the reaction; false when the account may not see the status or already reacted so. */
export async function addReaction(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>,
  account: AccountRecord,
  status: StatusRecord,
  input: ReactionInput,
): Promise<boolean> {
  if (status.deletedAt !== null || status.reblogOfId !== null) return false;
  if (!isReactionName(input.name, input.custom)) return false;
  if (!(await checkAccess(deps, account, [status])).canSee(status)) return false;
  const reaction: StatusReactionRecord = {
    id: deps.ids.next(),
    accountId: account.id,
    statusId: status.id,
    name: input.name,
    emojiDomain: input.emojiDomain,
    uri: input.uri,
    createdAt: deps.clock.now(),
  };
  return transactionWithEvents(deps, async (tx, emit) => {
    const inserted = await insertReaction(tx, reaction);
    if (inserted) await emit('status.reacted', eventOf(reaction, status.accountId));
    return inserted;
  });
}

function eventOf(reaction: StatusReactionRecord, targetAccountId: string): ReactionEvent {
  return {
    reactionId: reaction.id,
    statusId: reaction.statusId,
    accountId: reaction.accountId,
    targetAccountId,
    name: reaction.name,
    emojiDomain: reaction.emojiDomain,
  };
}

/** Takes away the reaction `find` finds, with its event; true when there was one. */
function take(
  deps: Pick<Deps, 'db' | 'events'>,
  find: (tx: Queryable) => Promise<StatusReactionRecord | null>,
): Promise<boolean> {
  return transactionWithEvents(deps, async (tx, emit) => {
    const reaction = await find(tx);
    if (!reaction) return false;
    const status = await findStatusById(tx, reaction.statusId);
    if (status) await emit('status.unreacted', eventOf(reaction, status.accountId));
    return true;
  });
}

/** Removes the reaction the activity `uri` made; true when there was one. */
export async function removeReactionMadeBy(
  deps: Pick<Deps, 'db' | 'events'>,
  account: AccountRecord,
  uri: string,
): Promise<boolean> {
  return take(deps, (tx) => takeReactionByUri(tx, account.id, uri));
}

/** Removes the account's reaction `name` to the status; true when there was one. */
export async function removeReaction(
  deps: Pick<Deps, 'db' | 'events'>,
  account: AccountRecord,
  statusId: string,
  name: string,
): Promise<boolean> {
  return take(deps, (tx) => takeReaction(tx, account.id, statusId, name));
}

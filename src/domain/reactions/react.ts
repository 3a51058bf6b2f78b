/**
 * Emoji reactions (Pleroma/Akkoma's EmojiReact, Misskey's reactions): an account reacts to a
 * status it may see with a unicode emoji or a custom emoji. Reactions are kept apart from
 * favourites, so `favourites_count` counts favourites only. Reacting twice with the same
 * emoji keeps one reaction; taking back one that is not there changes nothing.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import {
  deleteReaction,
  deleteReactionByUri,
  insertReaction,
} from '../../db/repositories/status-reactions.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { checkAccess } from '../statuses/access.ts';

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
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  account: AccountRecord,
  status: StatusRecord,
  input: ReactionInput,
): Promise<boolean> {
  if (status.deletedAt !== null || status.reblogOfId !== null) return false;
  if (!isReactionName(input.name, input.custom)) return false;
  if (!(await checkAccess(deps, account, [status])).canSee(status)) return false;
  return insertReaction(deps.db, {
    id: deps.ids.next(),
    accountId: account.id,
    statusId: status.id,
    name: input.name,
    emojiDomain: input.emojiDomain,
    uri: input.uri,
    createdAt: deps.clock.now(),
  });
}

/** Removes the reaction the activity `uri` made; true when there was one. */
export async function removeReactionMadeBy(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  uri: string,
): Promise<boolean> {
  return deleteReactionByUri(deps.db, account.id, uri);
}

/** Removes the account's reaction `name` to the status; true when there was one. */
export async function removeReaction(
  deps: Pick<Deps, 'db'>,
  account: AccountRecord,
  statusId: string,
  name: string,
): Promise<boolean> {
  return deleteReaction(deps.db, account.id, statusId, name);
}

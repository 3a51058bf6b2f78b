/**
 * The emoji reactions to a status, as a viewer reads them: one entry per emoji (in the order
 * each was first used) with how many reacted, whether the viewer did, which accounts, and
 * for a custom emoji its image (from the emoji's server's copy Woolly keeps).
 */
import {
  findCustomEmojiByShortcode,
  type CustomEmojiRecord,
} from '../../db/repositories/custom-emojis.ts';
import { findReactionGroups } from '../../db/repositories/status-reactions.ts';
import type { Deps } from '../context.ts';

export interface ReactionSummary {
  name: string;
  /** The custom emoji, when it is one Woolly knows. */
  emoji: CustomEmojiRecord | null;
  accountIds: string[];
  me: boolean;
}

export async function statusReactions(
  deps: Pick<Deps, 'db'>,
  statusId: string,
  viewerId: string | null,
): Promise<ReactionSummary[]> {
  const groups = (await findReactionGroups(deps.db, [statusId])).get(statusId) ?? [];
  const summaries: ReactionSummary[] = [];
  for (const group of groups) {
    const custom = group.emojiDomain !== null || /^[a-zA-Z0-9_]+$/.test(group.name);
    summaries.push({
      name: group.name,
      emoji: custom
        ? await findCustomEmojiByShortcode(deps.db, group.name, group.emojiDomain)
        : null,
      accountIds: group.accountIds,
      me: viewerId !== null && group.accountIds.includes(viewerId),
    });
  }
  return summaries;
}

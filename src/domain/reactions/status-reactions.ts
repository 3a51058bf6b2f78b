/**
 * The emoji reactions to statuses, as a viewer reads them: per status, one entry per emoji
 * (in the order each was first used) with which accounts reacted, whether the viewer did,
 * and for a custom emoji its image (the emoji's server's copy Woolly keeps). Loaded for a
 * whole list in one query, plus one per server whose custom emojis appear.
 */
import { findEnabledEmojis, type CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import { findReactionGroups } from '../../db/repositories/status-reactions.ts';
import type { Deps } from '../context.ts';

export interface ReactionSummary {
  name: string;
  /** The custom emoji, when it is one Woolly knows. */
  emoji: CustomEmojiRecord | null;
  accountIds: string[];
  me: boolean;
}

const isShortcode = (name: string) => /^[a-zA-Z0-9_]+$/.test(name);

export async function reactionsOfStatuses(
  deps: Pick<Deps, 'db'>,
  statusIds: readonly string[],
  viewerId: string | null,
): Promise<Map<string, ReactionSummary[]>> {
  const groups = await findReactionGroups(deps.db, statusIds);
  const wanted = new Map<string | null, Set<string>>();
  for (const list of groups.values()) {
    for (const group of list) {
      if (!isShortcode(group.name)) continue;
      const codes = wanted.get(group.emojiDomain) ?? new Set<string>();
      codes.add(group.name);
      wanted.set(group.emojiDomain, codes);
    }
  }
  const emojis = new Map<string, CustomEmojiRecord>();
  for (const [domain, codes] of wanted) {
    for (const emoji of await findEnabledEmojis(deps.db, domain, [...codes])) {
      emojis.set(`${emoji.shortcode}@${domain ?? ''}`, emoji);
    }
  }
  const result = new Map<string, ReactionSummary[]>();
  for (const [statusId, list] of groups) {
    result.set(
      statusId,
      list.map((group) => ({
        name: group.name,
        emoji: emojis.get(`${group.name}@${group.emojiDomain ?? ''}`) ?? null,
        accountIds: group.accountIds,
        me: viewerId !== null && group.accountIds.includes(viewerId),
      })),
    );
  }
  return result;
}

export async function statusReactions(
  deps: Pick<Deps, 'db'>,
  statusId: string,
  viewerId: string | null,
): Promise<ReactionSummary[]> {
  return (await reactionsOfStatuses(deps, [statusId], viewerId)).get(statusId) ?? [];
}

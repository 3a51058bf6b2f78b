/**
 * The emoji a local user names to react with, as Pleroma's and Akkoma's API take it: a
 * unicode emoji (fully qualified, so `❤` and `❤️` are one reaction), a local custom emoji
 * as `:shortcode:` or `shortcode`, or a remote custom emoji Woolly knows as
 * `shortcode@domain` (with or without the colons). A bare shortcode that is no local emoji
 * may name a remote one the post already has reactions with, as Akkoma lets people add
 * themselves to a reaction they see. Anything else is a 400, Pleroma's "Could not add
 * reaction emoji".
 *
 * @example await reactionEmoji(deps, status, ':blobcat@remote.example:')
 */
import { AppError } from '../../core/errors.ts';
import { findEnabledEmojis } from '../../db/repositories/custom-emojis.ts';
import { findReactionGroups } from '../../db/repositories/status-reactions.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { isReactionName, type ReactionInput } from './react.ts';

const customForm = /^:?([a-zA-Z0-9_]{2,64})(?:@([a-zA-Z0-9.-]+))?:?$/;

/** A lone pictograph that is text by default gets its emoji presentation selector. */
function fullyQualified(emoji: string): string {
  const chars = [...emoji];
  const only = chars.length === 1 ? chars[0]! : null;
  return only && /\p{Extended_Pictographic}/u.test(only) && !/\p{Emoji_Presentation}/u.test(only)
    ? `${only}\uFE0F`
    : emoji;
}

/** What `emoji` names, without checking that a custom emoji exists; null if nothing. */
export function parseReactionEmoji(
  emoji: string,
  localDomain: string,
): { name: string; custom: boolean; domain: string | null } | null {
  const text = emoji.trim();
  const custom = customForm.exec(text);
  if (custom) {
    const domain = custom[2]?.toLowerCase() ?? null;
    return {
      name: custom[1]!,
      custom: true,
      domain: domain === localDomain.toLowerCase() ? null : domain,
    };
  }
  const name = fullyQualified(text);
  return isReactionName(name, false) ? { name, custom: false, domain: null } : null;
}

const cannotAdd = () => new AppError(400, 'Could not add reaction emoji');

/** The reaction `emoji` makes to `status`, its custom emoji checked; else a 400. */
export async function reactionEmoji(
  deps: Pick<Deps, 'db' | 'config'>,
  status: StatusRecord,
  emoji: string,
): Promise<ReactionInput> {
  const parsed = parseReactionEmoji(emoji, deps.config.localDomain);
  if (!parsed) throw cannotAdd();
  const { name, custom, domain } = parsed;
  if (!custom) return { name, custom, emojiDomain: null, uri: null };
  if ((await findEnabledEmojis(deps.db, domain, [name])).length > 0) {
    return { name, custom, emojiDomain: domain, uri: null };
  }
  if (domain === null && !emoji.includes('@')) {
    const groups = (await findReactionGroups(deps.db, [status.id])).get(status.id) ?? [];
    const seen = groups.find((g) => g.name === name && g.emojiDomain !== null);
    if (seen && (await findEnabledEmojis(deps.db, seen.emojiDomain, [name])).length > 0) {
      return { name, custom, emojiDomain: seen.emojiDomain, uri: null };
    }
  }
  throw cannotAdd();
}

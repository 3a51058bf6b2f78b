/**
 * The custom emojis each post uses (Mastodon's Status#emojis): the enabled emojis of the
 * author's server whose `:shortcode:` appears in the content warning, the content or a poll
 * option, loaded for a whole page of posts in one query per server. The API lists them in
 * `emojis`; the ActivityPub objects of local posts carry them as Emoji tags.
 */
import { findEnabledEmojis, type CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import type { PollRecord } from '../../db/repositories/polls.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { shortcodesIn } from '../instance/custom-emojis.ts';

export interface EmojiText {
  statusId: string;
  /** The author's server; null for a local post. */
  domain: string | null;
  texts: string[];
}

/** The texts of a post in which `:shortcode:` emojis count. */
export function emojiTextsOfStatus(
  status: Pick<StatusRecord, 'spoilerText' | 'content'>,
  poll: Pick<PollRecord, 'options'> | null | undefined,
): string[] {
  return [status.spoilerText, status.content, ...(poll?.options ?? [])];
}

export async function emojisOfStatuses(
  deps: Pick<Deps, 'db'>,
  posts: readonly EmojiText[],
): Promise<Map<string, CustomEmojiRecord[]>> {
  const wanted = new Map(posts.map((p) => [p.statusId, shortcodesIn(p.texts.join('\n'))]));
  const byDomain = new Map<string | null, Set<string>>();
  for (const post of posts) {
    const codes = wanted.get(post.statusId)!;
    if (codes.length === 0) continue;
    const set = byDomain.get(post.domain) ?? new Set<string>();
    for (const code of codes) set.add(code);
    byDomain.set(post.domain, set);
  }
  const found = new Map<string, CustomEmojiRecord>();
  for (const [domain, codes] of byDomain) {
    for (const emoji of await findEnabledEmojis(deps.db, domain, [...codes])) {
      found.set(`${emoji.shortcode}@${domain ?? ''}`, emoji);
    }
  }
  const result = new Map<string, CustomEmojiRecord[]>();
  for (const post of posts) {
    const emojis = wanted
      .get(post.statusId)!
      .map((code) => found.get(`${code}@${post.domain ?? ''}`))
      .filter((e): e is CustomEmojiRecord => e !== undefined);
    if (emojis.length > 0) result.set(post.statusId, emojis);
  }
  return result;
}

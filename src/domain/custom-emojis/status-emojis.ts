/**
 * The custom emojis each post uses (Mastodon's Status#emojis): the enabled emojis of the
 * author's server whose `:shortcode:` appears in the content warning or the content, loaded
 * for a whole page of posts in one query per server.
 */
import { findEnabledEmojis, type CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import type { Deps } from '../context.ts';
import { shortcodesIn } from '../instance/custom-emojis.ts';

export interface EmojiText {
  statusId: string;
  /** The author's server; null for a local post. */
  domain: string | null;
  texts: string[];
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

/**
 * Hashtags of a post (Mastodon's ProcessHashtagsService and DisallowedHashtagsValidator):
 * the names found in the text, made into `tags` rows (a new name is kept normalized, as
 * Mastodon's HashtagNormalizer does) and linked to the status.
 */
import type { IdGenerator } from '../../core/ids.ts';
import type { Queryable } from '../../db/database.ts';
import {
  findTagsByNames,
  insertMissingTags,
  insertStatusTags,
  replaceStatusTags,
  touchTags,
  type TagRecord,
} from '../../db/repositories/tags.ts';
import { extractHashtags } from './text/extract.ts';

/**
 * HashtagNormalizer: compatibility forms folded (full-width letters, ligatures), letters
 * lowercased, accented Latin letters folded to ASCII. Two spellings with one normal form are
 * one tag.
 */
export function normalizeHashtag(name: string): string {
  return [...name.normalize('NFKC').toLowerCase()]
    .map((ch) => {
      const base = ch.normalize('NFD').replace(/\p{M}+$/u, '');
      return /^[a-z]$/.test(base) ? base : ch;
    })
    .join('');
}

/** The hashtags of `text`, one per normal form, in the order they first appear. */
export function hashtagNames(text: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const entity of extractHashtags(text)) {
    const normal = normalizeHashtag(entity.name);
    if (seen.has(normal)) continue;
    seen.add(normal);
    names.push(entity.name);
  }
  return names;
}

/** The tags among `names` that moderators made unusable. */
export async function disallowedTags(
  db: Queryable,
  names: readonly string[],
): Promise<TagRecord[]> {
  if (names.length === 0) return [];
  return (await findTagsByNames(db, names.map(normalizeHashtag))).filter((t) => t.usable === false);
}

/**
 * DisallowedHashtagsValidator's message for the text attribute, or null when every tag may be
 * used.
 */
export function disallowedTagsMessage(tags: readonly TagRecord[]): string | null {
  if (tags.length === 0) return null;
  const names = tags.map((t) => t.name).join(', ');
  return tags.length === 1
    ? `contained a disallowed hashtag: ${names}`
    : `contained the disallowed hashtags: ${names}`;
}

/**
 * Makes the status's tags exactly `names` (creating the tags that are new) and records their
 * use. Runs in the status's transaction; `isNew` (a post just inserted, with no tags yet)
 * spares the removal of the old ones.
 */
export async function setStatusTags(
  tx: Queryable,
  ids: IdGenerator,
  statusId: string,
  names: readonly string[],
  now: number,
  options: { isNew?: boolean } = {},
): Promise<TagRecord[]> {
  const normal = names.map(normalizeHashtag);
  let tags = normal.length > 0 ? await findTagsByNames(tx, normal) : [];
  const existing = new Set(tags.map((t) => t.name.toLowerCase()));
  const missing = normal.filter((n) => !existing.has(n));
  if (missing.length > 0) {
    await insertMissingTags(
      tx,
      missing.map((name) => ({ id: ids.next(), name })),
      now,
    );
    tags = await findTagsByNames(tx, normal);
  }
  const tagIds = tags.map((t) => t.id);
  if (options.isNew) await insertStatusTags(tx, statusId, tagIds);
  else await replaceStatusTags(tx, statusId, tagIds);
  await touchTags(tx, tagIds, now);
  return tags;
}

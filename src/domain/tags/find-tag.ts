/**
 * Hashtags by name. A name is valid when Mastodon's hashtag pattern reads all of it as one
 * hashtag (letters, digits, `_`, and at least one letter); tags are found and created by their
 * normal form (Mastodon's HashtagNormalizer, as posting uses it), so `#Wool` and `#wool` are
 * one tag.
 */
import { notFound } from '../../core/errors.ts';
import { placeholders } from '../../db/database.ts';
import {
  findTagsByNames,
  insertMissingTags,
  tagFromRow,
  type TagRecord,
} from '../../db/repositories/tags.ts';
import type { Deps } from '../context.ts';
import { normalizeHashtag } from '../statuses/hashtags.ts';
import { extractHashtags } from '../statuses/text/extract.ts';

/** True when `name` (without `#`) is a hashtag name Mastodon accepts. */
export function isValidTagName(name: string): boolean {
  const [tag, ...more] = extractHashtags(`#${name}`);
  return tag !== undefined && more.length === 0 && tag.name === name;
}

export async function findTag(deps: Pick<Deps, 'db'>, name: string): Promise<TagRecord | null> {
  const [tag] = await findTagsByNames(deps.db, [normalizeHashtag(name)]);
  return tag ?? null;
}

/** The tag named `name`, created if it does not exist yet; an invalid name is a 404. */
export async function findOrCreateTag(
  deps: Pick<Deps, 'db' | 'ids' | 'clock'>,
  name: string,
): Promise<TagRecord> {
  if (!isValidTagName(name)) throw notFound();
  const existing = await findTag(deps, name);
  if (existing) return existing;
  await insertMissingTags(
    deps.db,
    [{ id: deps.ids.next(), name: normalizeHashtag(name) }],
    deps.clock.now(),
  );
  const created = await findTag(deps, name);
  if (!created) throw new Error(`tag ${name} was not created`);
  return created;
}

/** The tags with these ids (in no particular order). */
export async function findTagsByIds(
  deps: Pick<Deps, 'db'>,
  ids: readonly string[],
): Promise<TagRecord[]> {
  if (ids.length === 0) return [];
  const rows = await deps.db.all(
    `SELECT * FROM tags WHERE id IN (${placeholders(ids.length)})`,
    ids,
  );
  return rows.map(tagFromRow);
}

/**
 * Keeping the post index current: a post's searchable text (the same text filters read:
 * content warning, plain text, poll options, media descriptions) is cut into tokens and
 * written; boosts, deleted posts and posts that are gone are taken out. Run by the
 * `search.index` job and by `woolly search reindex`.
 */
import { findMediaByStatusIds } from '../../db/repositories/media-attachments.ts';
import { findPollsByIds } from '../../db/repositories/polls.ts';
import { deleteStatusDocument, writeStatusDocument } from '../../db/repositories/search-index.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import { searchableText } from '../filters/match.ts';
import { searchTokens } from './tokens.ts';

/** The tokens of `statuses` (posts, not boosts), loaded in a fixed number of queries. */
export async function statusTokens(
  deps: Pick<Deps, 'db'>,
  statuses: readonly StatusRecord[],
): Promise<Map<string, string[]>> {
  const pollIds = statuses.map((s) => s.pollId).filter((id): id is string => id !== null);
  const [polls, media] = await Promise.all([
    findPollsByIds(deps.db, pollIds),
    findMediaByStatusIds(
      deps.db,
      statuses.map((s) => s.id),
    ),
  ]);
  const optionsOf = new Map(polls.map((p) => [p.id, p.options]));
  const descriptionsOf = new Map<string, string[]>();
  for (const m of media) {
    const list = descriptionsOf.get(m.statusId!) ?? [];
    list.push(m.description);
    descriptionsOf.set(m.statusId!, list);
  }
  return new Map(
    statuses.map((s) => [
      s.id,
      searchTokens(
        searchableText(
          s,
          s.pollId ? (optionsOf.get(s.pollId) ?? null) : null,
          descriptionsOf.get(s.id) ?? [],
        ),
      ),
    ]),
  );
}

/** Brings one post's index entry up to date with the post as it is now. */
export async function indexStatus(deps: Pick<Deps, 'db'>, statusId: string): Promise<void> {
  const status = await findStatusById(deps.db, statusId);
  if (!status || status.deletedAt !== null || status.reblogOfId !== null) {
    await deleteStatusDocument(deps.db, statusId);
    return;
  }
  const tokens = (await statusTokens(deps, [status])).get(status.id) ?? [];
  await writeStatusDocument(deps.db, deps.db.dialect, status.id, tokens);
}

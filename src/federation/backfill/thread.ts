/**
 * Thread backfill, when a remote post's thread is opened: the posts it answers that Woolly
 * does not have are fetched up the chain (parent.ts: at most `maxAncestors`), stored root
 * first so each joins its parent, and the opened post is attached to its parent; then
 * the first replies of its `replies` collection (at most `maxReplies`) are fetched and
 * stored. Fetches are signed by the instance actor; only public and unlisted posts are
 * kept; running it again changes nothing.
 */
import type { Federation } from '@fedify/fedify';
import { findStatusById, findStatusByUri } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { fetchMissingAncestors } from './parent.ts';
import { storeFetchedNote } from './store-note.ts';

export const maxReplies = 20;

export interface ThreadBackfillPayload {
  statusId: string;
}

export async function backfillThread(
  federation: Federation<Deps>,
  deps: Deps,
  payload: ThreadBackfillPayload,
): Promise<{ ancestors: number; replies: number }> {
  const done = { ancestors: 0, replies: 0 };
  const status = await findStatusById(deps.db, payload.statusId);
  if (!status || status.local) return done;
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const note = await ctx.lookupObject(status.uri, { documentLoader }).catch(() => null);
  if (!isStatusObject(note) || note.id?.href !== status.uri) return done;

  // Up the chain to the first post Woolly has (or the root, or the bound).
  if (note.replyTargetId) {
    done.ancestors = await fetchMissingAncestors(
      ctx,
      status,
      note.replyTargetId.href,
      documentLoader,
    );
  }

  const replies = await note.getReplies({ documentLoader }).catch(() => null);
  if (replies) {
    let seen = 0;
    for await (const item of ctx.traverseCollection(replies, { documentLoader })) {
      if (++seen > maxReplies) break;
      const reply = isStatusObject(item)
        ? item
        : item.id
          ? await ctx.lookupObject(item.id.href, { documentLoader }).catch(() => null)
          : null;
      if (!isStatusObject(reply) || reply.replyTargetId?.href !== status.uri) continue;
      if (await findStatusByUri(deps.db, reply.id?.href ?? '')) continue;
      if (await storeFetchedNote(ctx, reply, documentLoader)) done.replies += 1;
    }
  }
  deps.log.info('thread backfilled', { status: status.uri, ...done });
  return done;
}

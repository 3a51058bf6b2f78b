/**
 * The posts a remote reply answers, when Woolly does not have them: fetched up the chain
 * from the first unknown one (at most `maxAncestors`, Mastodon's ThreadResolveWorker does
 * the same on `pull`), stored root first so each joins its parent, and the reply attached
 * to its parent. Used when a reply arrives (`backfill.parent`) and when a thread is opened.
 */
import type { Context, Federation } from '@fedify/fedify';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import {
  findStatusById,
  findStatusByUri,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { isStatusObject, type StatusObject } from '../convert/status-object.ts';
import { attachReply } from './attach-reply.ts';
import type { ParentBackfillPayload } from './parent-queue.ts';
import { storeFetchedNote } from './store-note.ts';

export const maxAncestors = 5;

/**
 * Fetches and stores the missing posts above `reply`, starting at `parentUri`; returns how
 * many were stored.
 */
export async function fetchMissingAncestors(
  ctx: Context<Deps>,
  reply: StatusRecord,
  parentUri: string,
  documentLoader: DocumentLoader,
): Promise<number> {
  const deps = ctx.data;
  const missing: StatusObject[] = [];
  let uri: string | null = parentUri;
  while (uri !== null && missing.length < maxAncestors) {
    if (await findStatusByUri(deps.db, uri)) break;
    const found: unknown = await ctx.lookupObject(uri, { documentLoader }).catch(() => null);
    if (!isStatusObject(found) || found.id?.href !== uri) break;
    missing.push(found);
    uri = found.replyTargetId?.href ?? null;
  }
  let stored = 0;
  for (const ancestor of missing.reverse()) {
    if (await storeFetchedNote(ctx, ancestor, documentLoader)) stored += 1;
  }
  const parent = await findStatusByUri(deps.db, parentUri);
  if (parent) await attachReply(deps, reply, parent);
  return stored;
}

/** The `backfill.parent` job: a reply arrived whose parent Woolly did not have. */
export async function backfillParent(
  federation: Federation<Deps>,
  deps: Deps,
  payload: ParentBackfillPayload,
): Promise<number> {
  const reply = await findStatusById(deps.db, payload.statusId);
  if (!reply || reply.local || reply.inReplyToId !== null) return 0;
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const documentLoader = await ctx.getDocumentLoader({ identifier: instanceActorIdentifier });
  const stored = await fetchMissingAncestors(ctx, reply, payload.parentUri, documentLoader);
  deps.log.info('parent backfilled', { status: reply.uri, ancestors: stored });
  return stored;
}

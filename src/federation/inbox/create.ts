/**
 * Create: a remote post arrives and is stored through CreateRemoteStatus (a Note, a
 * Question with its poll, or an Article, Page, Image, Video, Audio or Event converted as
 * Mastodon does: convert/status-object.ts), or votes on a local poll arrive as named Notes
 * (poll-vote.ts). Only the author may create a post (its attribution must be the signed
 * actor); other object types (a Pleroma ChatMessage, ...) are acknowledged and not stored,
 * as on Mastodon. One Create may carry several objects (GoToSocial sends the choices of a
 * multiple-choice vote together).
 */
import type { InboxContext } from '@fedify/fedify';
import { Note, Question, type Create } from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { queueParentFetch } from '../backfill/parent-queue.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { senderAccount } from './accounts.ts';
import { countVote } from './poll-vote.ts';
import { resolveRemoteQuote } from './quote.ts';
import { notActedOn } from './unhandled.ts';
import { createQuestion } from './question.ts';

const maxObjects = 20;

async function objectsOf(ctx: InboxContext<Deps>, create: Create) {
  const objects = [];
  try {
    for await (const object of create.getObjects(ctx)) {
      objects.push(object);
      if (objects.length >= maxObjects) break;
    }
  } catch {
    // An object that cannot be fetched or read is skipped, as a single bad one was.
  }
  return objects;
}

export async function onCreate(ctx: InboxContext<Deps>, create: Create): Promise<void> {
  for (const object of await objectsOf(ctx, create)) {
    if (object instanceof Question) {
      await createQuestion(ctx, create, object);
      continue;
    }
    if (!isStatusObject(object)) {
      notActedOn(ctx, create, `its ${object.constructor.name} is no kind of post Woolly stores`);
      continue;
    }
    if (object instanceof Note && (await countVote(ctx, create, object))) continue;
    if (object.attributionId?.href !== create.actorId?.href) continue;
    const author = await senderAccount(ctx, create);
    if (!author) return;
    const input = await remoteStatusFromNote(ctx.data, object, author, ctx.data.clock.now());
    if (!input) continue;
    // Its attachments are recorded with it, without their files (fetched on `pull`).
    const status = await createRemoteStatus(ctx.data, {
      ...input,
      quote: await resolveRemoteQuote(ctx, object, author),
    });
    // A reply to a post Woolly lacks: its parent is fetched on `pull`.
    await queueParentFetch(ctx.data, status, input.inReplyToUri);
  }
}

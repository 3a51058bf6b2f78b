/**
 * The inboxes: each account's /users/{username}/inbox and the shared /inbox, with one
 * handler per activity type. Fedify verifies the HTTP signature (401 otherwise) and queues
 * the activity on `ingress` before any handler runs. Other types are acknowledged, logged
 * and not acted on (unhandled.ts).
 */
import type { Federation } from '@fedify/fedify';
import {
  Accept,
  Activity,
  Add,
  Announce,
  Block,
  Create,
  Delete,
  EmojiReact,
  Flag,
  Follow,
  Like,
  Move,
  QuoteRequest,
  Reject,
  Remove,
  Undo,
  Update,
} from '@fedify/vocab';
import type { Deps } from '../../domain/context.ts';
import { instanceActorIdentifier } from '../dispatchers/instance-actor.ts';
import { onAccept } from './accept.ts';
import { onAnnounce } from './announce.ts';
import { onBlock } from './block.ts';
import { onCreate } from './create.ts';
import { onDelete } from './delete.ts';
import { onEmojiReact } from './emoji-react.ts';
import { onAdd, onRemove } from './featured.ts';
import { onFlag } from './flag.ts';
import { onFollow } from './follow.ts';
import { onLike } from './like.ts';
import { onMove } from './move.ts';
import { onQuoteRequest } from './quote-request.ts';
import { onReject } from './reject.ts';
import { onUndo } from './undo.ts';
import { onUnhandledActivity } from './unhandled.ts';
import { onUpdate } from './update.ts';

export function registerInboxListeners(federation: Federation<Deps>): void {
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    // What the shared inbox fetches (senders' keys, objects) is signed by the instance actor,
    // so that servers in secure mode answer.
    .setSharedKeyDispatcher(() => ({ identifier: instanceActorIdentifier }))
    .on(Follow, onFollow)
    .on(Accept, onAccept)
    .on(Reject, onReject)
    .on(Undo, onUndo)
    .on(Create, onCreate)
    .on(Update, onUpdate)
    .on(Delete, onDelete)
    .on(Like, onLike)
    .on(EmojiReact, onEmojiReact)
    .on(Announce, onAnnounce)
    .on(Block, onBlock)
    .on(Flag, onFlag)
    .on(Move, onMove)
    .on(QuoteRequest, onQuoteRequest)
    .on(Add, onAdd)
    .on(Remove, onRemove)
    .on(Activity, onUnhandledActivity)
    .onError((ctx, error) => {
      ctx.data.log.error('inbox activity failed', { error });
      // Rethrown so the job queue retries it with backoff.
      throw error;
    });
}

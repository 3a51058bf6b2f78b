/** Every dispatcher Woolly gives Fedify: actors and WebFinger, posts, emojis, collections, NodeInfo. */
import type { Federation } from '@fedify/fedify';
import type { Deps } from '../../domain/context.ts';
import { registerActorDispatcher } from './actor.ts';
import { registerCollections } from './collections.ts';
import { registerFeaturedCollections } from './featured.ts';
import { registerEmojiDispatcher } from './emoji.ts';
import { registerNodeInfo } from './nodeinfo.ts';
import { registerNoteDispatcher } from './note.ts';
import { registerQuoteAuthorizationDispatcher } from './quote-authorization.ts';

export function registerDispatchers(federation: Federation<Deps>): void {
  registerActorDispatcher(federation);
  registerNoteDispatcher(federation);
  registerQuoteAuthorizationDispatcher(federation);
  registerEmojiDispatcher(federation);
  registerCollections(federation);
  registerFeaturedCollections(federation);
  registerNodeInfo(federation);
}

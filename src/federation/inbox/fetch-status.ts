/**
 * A post Woolly does not have yet, fetched from its server (a boost of it arrived): the Note
 * (or any object convert/status-object.ts takes) and its author are read through Fedify's document loader, which checks that each
 * document comes from the origin of its id, and stored as any delivered post is.
 */
import type { InboxContext } from '@fedify/fedify';
import type { Announce } from '@fedify/vocab';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { queueFeaturedTagsRead } from '../backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';
import { isStatusObject } from '../convert/status-object.ts';
import { fetchedAuthor } from '../fetched-author.ts';
import { resolveRemoteQuote } from './quote.ts';

export async function fetchAnnouncedStatus(
  ctx: InboxContext<Deps>,
  announce: Announce,
): Promise<StatusRecord | null> {
  // A boost of a post from a suspended server: nothing of it is fetched or kept.
  if (!announce.objectId || (await isDomainSuspended(ctx.data, announce.objectId.host))) {
    return null;
  }
  const note = await announce.getObject(ctx).catch(() => null);
  if (!isStatusObject(note) || note.id?.origin === ctx.origin) return null;
  const actor = await fetchedAuthor(ctx, note);
  if (!actor || actor.id?.origin !== note.id?.origin) return null;
  const account = await remoteAccountFromActor(actor);
  if (!account) return null;
  const author = await upsertRemoteAccount(ctx.data, account);
  await queueFeaturedTagsRead(ctx.data, author, actor);
  const input = await remoteStatusFromNote(ctx.data, note, author, ctx.data.clock.now());
  if (!input) return null;
  // Its quote as a delivered post's (quote.ts); the quoted post's own quote is not followed.
  return createRemoteStatus(ctx.data, {
    ...input,
    quote: await resolveRemoteQuote(ctx, note, author),
  });
}

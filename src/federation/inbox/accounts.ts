/**
 * The two accounts most inbox handlers need: the remote sender, read from its actor
 * document (Fedify has verified that it signed the request) and kept up to date, and the
 * local account a URL names.
 */
import type { Context, InboxContext } from '@fedify/fedify';
import type { Activity } from '@fedify/vocab';
import { findAccountByUri, type AccountRecord } from '../../db/repositories/accounts.ts';
import {
  HandleTakenError,
  upsertRemoteAccount,
} from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { queueFeaturedTagsRead } from '../backfill/featured-tags-queue.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { findPublishedAccount } from '../dispatchers/local-account.ts';
import { notActedOn } from './unhandled.ts';

/** How long Woolly's copy of a sender is used as it is (Mastodon refreshes after a day). */
const senderFreshMs = 24 * 60 * 60 * 1000;

/**
 * The account of the activity's actor, stored or refreshed; null if it has no usable actor
 * (or one whose handle another actor of its server holds).
 * A copy fetched within a day is used as it is, as Mastodon does: fetching the actor (signed,
 * uncached by Fedify) and rewriting its row for every activity would be most of the cost of
 * a busy inbox. Profile changes arrive as Update activities in the meantime.
 */
export async function senderAccount(
  ctx: InboxContext<Deps>,
  activity: Activity,
): Promise<AccountRecord | null> {
  const actorId = activity.actorId;
  if (!actorId || actorId.origin === ctx.origin) return null;
  const known = await findAccountByUri(ctx.data.db, actorId.href);
  if (known?.domain && known.fetchedAt !== null) {
    if (ctx.data.clock.now() - known.fetchedAt < senderFreshMs) return known;
  }
  const actor = await activity.getActor(ctx);
  if (!actor || actor.id?.origin === ctx.origin) return null;
  const input = await remoteAccountFromActor(actor);
  if (!input) return null;
  try {
    const account = await upsertRemoteAccount(ctx.data, input);
    await queueFeaturedTagsRead(ctx.data, account, actor);
    return account;
  } catch (error) {
    // Trying again would clash again: the activity is dropped, and the log says why.
    if (!(error instanceof HandleTakenError)) throw error;
    notActedOn(ctx, activity, error.message);
    return null;
  }
}

/** The local account whose actor URL `uri` is, if it is one. */
export async function localAccountAt(
  ctx: Context<Deps>,
  uri: URL | null,
): Promise<AccountRecord | null> {
  const parsed = uri ? ctx.parseUri(uri) : null;
  if (parsed?.type !== 'actor') return null;
  return findPublishedAccount(ctx.data, parsed.identifier);
}

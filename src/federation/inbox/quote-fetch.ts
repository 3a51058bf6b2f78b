/**
 * The post a remote quote names, when Woolly does not have it yet: fetched once through
 * Fedify's document loader (signed by the instance actor, the document must come from the
 * origin of its id), with its author, and stored as any delivered post is. Bounded: the
 * fetched post's own quote is not followed further (it shows as pending until delivered).
 */
import type { InboxContext } from '@fedify/fedify';
import { isActor, Note } from '@fedify/vocab';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { upsertRemoteAccount } from '../../domain/accounts/upsert-remote-account.ts';
import type { Deps } from '../../domain/context.ts';
import { isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { createRemoteStatus } from '../../domain/statuses/create-remote-status.ts';
import { remoteAccountFromActor } from '../convert/actor.ts';
import { remoteStatusFromNote } from '../convert/remote-note.ts';

export async function fetchQuotedStatus(
  ctx: InboxContext<Deps>,
  uri: URL,
): Promise<StatusRecord | null> {
  if (uri.origin === ctx.origin || (await isDomainSuspended(ctx.data, uri.hostname))) return null;
  const note = await ctx.lookupObject(uri.href).catch(() => null);
  if (!(note instanceof Note) || note.id?.origin !== uri.origin) return null;
  const actor = await note.getAttribution(ctx).catch(() => null);
  if (!isActor(actor) || actor.id?.origin !== note.id.origin) return null;
  const account = await remoteAccountFromActor(actor);
  if (!account) return null;
  const author = await upsertRemoteAccount(ctx.data, account);
  const input = await remoteStatusFromNote(ctx.data, note, author, ctx.data.clock.now());
  if (!input) return null;
  // Only public and unlisted posts are kept from a fetch, as backfills do.
  if (input.visibility !== 'public' && input.visibility !== 'unlisted') return null;
  return createRemoteStatus(ctx.data, input);
}

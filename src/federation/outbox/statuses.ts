/**
 * Local posts going out: a new post as Create(Note), an edit as Update(Note), a deletion as
 * Delete(Tombstone), a boost as Announce and its withdrawal as Undo(Announce), each to the
 * post's audience. Remote posts and local-only posts are never sent.
 */
import type { Context } from '@fedify/fedify';
import {
  Announce,
  Create,
  Delete,
  PUBLIC_COLLECTION,
  type Note,
  type Question,
  Tombstone,
  Undo,
  Update,
} from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { findAccountById } from '../../db/repositories/accounts.ts';
import { statusFromRow, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { DomainEvents } from '../../domain/events.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import { statusAudience } from './audience.ts';
import { deliver } from './deliver.ts';
import { relayRecipients } from './relays.ts';

/** A status by id, deleted or not (a deletion is announced after the row is marked). */
async function anyStatus(deps: Deps, id: string): Promise<StatusRecord | null> {
  const row = await deps.db.get('SELECT * FROM statuses WHERE id = ?', [id]);
  return row ? statusFromRow(row) : null;
}

async function noteActivity(
  ctx: Context<Deps>,
  statusId: string,
  make: (note: Note | Question, status: StatusRecord) => Create | Update,
): Promise<void> {
  const status = await anyStatus(ctx.data, statusId);
  if (!status || !status.local || status.localOnly || status.reblogOfId !== null) return;
  const audience = await statusAudience(ctx.data, status);
  const relays = await relayRecipients(ctx.data, status);
  const reaches = audience.length > 0 || relays.length > 0;
  const author = reaches ? await findAccountById(ctx.data.db, status.accountId) : null;
  if (!author) return;
  // A post with a poll goes out as a Question.
  const note = await toStatusObject(ctx, await loadNoteParts(ctx.data, status, author));
  await deliver(ctx, author, audience, make(note, status), relays);
}

export async function onStatusCreated(
  ctx: Context<Deps>,
  event: DomainEvents['status.created'],
): Promise<void> {
  if (!event.local) return;
  await noteActivity(
    ctx,
    event.statusId,
    (note, status) =>
      new Create({
        id: new URL(`${status.uri}/activity`),
        actor: note.attributionId,
        tos: note.toIds,
        ccs: note.ccIds,
        published: Temporal.Instant.fromEpochMilliseconds(status.createdAt),
        object: note,
      }),
  );
}

export async function onStatusUpdated(
  ctx: Context<Deps>,
  event: DomainEvents['status.updated'],
): Promise<void> {
  if (!event.local) return;
  await noteActivity(
    ctx,
    event.statusId,
    (note, status) =>
      new Update({
        id: new URL(`${status.uri}#updates/${status.editedAt ?? status.updatedAt}`),
        actor: note.attributionId,
        tos: note.toIds,
        ccs: note.ccIds,
        object: note,
      }),
  );
}

export async function onStatusReblogged(
  ctx: Context<Deps>,
  event: DomainEvents['status.reblogged'],
): Promise<void> {
  const [boost, boosted, booster] = await Promise.all([
    anyStatus(ctx.data, event.statusId),
    anyStatus(ctx.data, event.reblogOfId),
    findAccountById(ctx.data.db, event.accountId),
  ]);
  if (!boost || !boosted || !booster || booster.domain !== null || boost.localOnly) return;
  const original = await findAccountById(ctx.data.db, boosted.accountId);
  await deliver(
    ctx,
    booster,
    [...(await statusAudience(ctx.data, boost)), original],
    announce(ctx, boost, boosted.uri, booster.username),
    await relayRecipients(ctx.data, boost),
  );
}

/** A boost as Mastodon federates it (also written into user archives). */
export function announce(
  ctx: Context<Deps>,
  boost: StatusRecord,
  boostedUri: string,
  username: string,
) {
  const followers = ctx.getFollowersUri(username);
  const isPublic = boost.visibility === 'public';
  return new Announce({
    id: new URL(boost.uri),
    actor: ctx.getActorUri(username),
    object: new URL(boostedUri),
    published: Temporal.Instant.fromEpochMilliseconds(boost.createdAt),
    tos: isPublic ? [PUBLIC_COLLECTION] : [followers],
    ccs: isPublic ? [followers] : [],
  });
}

export async function onStatusDeleted(
  ctx: Context<Deps>,
  event: DomainEvents['status.deleted'],
): Promise<void> {
  if (!event.local) return;
  const [status, author] = await Promise.all([
    anyStatus(ctx.data, event.statusId),
    findAccountById(ctx.data.db, event.accountId),
  ]);
  if (!status || !author || status.localOnly) return;
  const actor = ctx.getActorUri(author.username);
  const audience = await statusAudience(ctx.data, status);
  if (status.reblogOfId !== null) {
    const boosted = await anyStatus(ctx.data, status.reblogOfId);
    if (!boosted) return;
    const original = await findAccountById(ctx.data.db, boosted.accountId);
    await deliver(
      ctx,
      author,
      [...audience, original],
      new Undo({
        id: new URL(`${status.uri}#undo`),
        actor,
        object: announce(ctx, status, boosted.uri, author.username),
      }),
      await relayRecipients(ctx.data, status),
    );
    return;
  }
  await deliver(
    ctx,
    author,
    audience,
    new Delete({
      id: new URL(`${status.uri}#delete`),
      actor,
      tos: [PUBLIC_COLLECTION],
      object: new Tombstone({ id: new URL(status.uri) }),
    }),
    await relayRecipients(ctx.data, status),
  );
}

/**
 * An account's outbox, followers and following collections, paged newest first by id as
 * Mastodon pages them, with their counts. An account that hides its network
 * (`hide_collections`) shows the counts only, as Mastodon does. Each post's replies
 * collection is in replies.ts.
 */
import type { Federation } from '@fedify/fedify';
import { Create, type Recipient } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { isId } from '../../core/ids.ts';
import { accountFromRow } from '../../db/repositories/accounts.ts';
import { statusFromRow } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import { loadNoteParts } from '../convert/note.ts';
import { toStatusObject } from '../convert/question.ts';
import { mayFetchPublic } from './authorize.ts';
import { findPublishedAccount } from './local-account.ts';
import { registerRepliesCollection } from './replies.ts';

const pageSize = 20;
/** A cursor is the id to read below; the first page starts above every id. */
const firstCursor = '0';
const below = (cursor: string) => (cursor === firstCursor || !isId(cursor) ? null : cursor);

export function registerCollections(federation: Federation<Deps>): void {
  registerRepliesCollection(federation);
  federation
    .setOutboxDispatcher('/users/{identifier}/outbox', async (ctx, identifier, cursor) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account || cursor === null) return account ? { items: [] } : null;
      const before = below(cursor);
      const rows = await ctx.data.db.all(
        `SELECT * FROM statuses WHERE account_id = ? AND deleted_at IS NULL AND local_only = FALSE
           AND reblog_of_id IS NULL AND visibility IN ('public', 'unlisted')
           ${before ? 'AND id < ?' : ''} ORDER BY id DESC LIMIT ?`,
        before ? [account.id, before, pageSize] : [account.id, pageSize],
      );
      const items: Create[] = [];
      for (const status of rows.map(statusFromRow)) {
        const note = await toStatusObject(ctx, await loadNoteParts(ctx.data, status, account));
        items.push(
          new Create({
            id: new URL(`${status.uri}/activity`),
            actor: ctx.getActorUri(identifier),
            tos: note.toIds,
            ccs: note.ccIds,
            published: Temporal.Instant.fromEpochMilliseconds(status.createdAt),
            object: note,
          }),
        );
      }
      const last = rows.at(-1);
      return {
        items,
        nextCursor: rows.length === pageSize && last ? String(last.id) : null,
      };
    })
    .setCounter(async (ctx, identifier) => {
      return (await findPublishedAccount(ctx.data, identifier))?.statusesCount ?? null;
    })
    .setFirstCursor(() => firstCursor)
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));

  federation
    .setFollowersDispatcher('/users/{identifier}/followers', async (ctx, identifier, cursor) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account) return null;
      if (cursor === null || account.hideCollections) return { items: [] };
      return accountPage(
        ctx.data,
        'follows.account_id',
        'follows.target_account_id',
        account.id,
        cursor,
      );
    })
    .setCounter(async (ctx, identifier) => {
      return (await findPublishedAccount(ctx.data, identifier))?.followersCount ?? null;
    })
    .setFirstCursor(() => firstCursor)
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));

  federation
    .setFollowingDispatcher('/users/{identifier}/following', async (ctx, identifier, cursor) => {
      const account = await findPublishedAccount(ctx.data, identifier);
      if (!account) return null;
      if (cursor === null || account.hideCollections) return { items: [] };
      const page = await accountPage(
        ctx.data,
        'follows.target_account_id',
        'follows.account_id',
        account.id,
        cursor,
      );
      return { items: page.items.map((r) => r.id!), nextCursor: page.nextCursor };
    })
    .setCounter(async (ctx, identifier) => {
      return (await findPublishedAccount(ctx.data, identifier))?.followingCount ?? null;
    })
    .setFirstCursor(() => firstCursor)
    .authorize((ctx, identifier) => mayFetchPublic(ctx, identifier));
}

/** One page of the accounts on the `shown` side of `follows` rows whose `fixed` side is `id`. */
async function accountPage(
  deps: Deps,
  shown: string,
  fixed: string,
  id: string,
  cursor: string,
): Promise<{ items: Recipient[]; nextCursor: string | null }> {
  const before = below(cursor);
  const rows = await deps.db.all(
    `SELECT accounts.*, follows.id AS follow_id FROM follows JOIN accounts ON accounts.id = ${shown}
      WHERE ${fixed} = ? ${before ? 'AND follows.id < ?' : ''} ORDER BY follows.id DESC LIMIT ?`,
    before ? [id, before, pageSize] : [id, pageSize],
  );
  const items = rows.map((row) => {
    const account = accountFromRow(row);
    return {
      id: new URL(account.uri),
      inboxId: account.inboxUrl ? new URL(account.inboxUrl) : null,
      endpoints: account.sharedInboxUrl ? { sharedInbox: new URL(account.sharedInboxUrl) } : null,
    };
  });
  const last = rows.at(-1);
  return { items, nextCursor: rows.length === pageSize && last ? String(last.follow_id) : null };
}

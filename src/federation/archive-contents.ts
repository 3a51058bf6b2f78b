/**
 * What a user archive holds in ActivityPub form (Mastodon's BackupService): `outbox.json`,
 * the user's posts as an OrderedCollection of Create activities (and boosts as Announce)
 * made by the same converters the outbox publishes with, `actor.json`, and `likes.json` and `bookmarks.json` as
 * collections of post URIs. Attachments, avatar and header point to their files inside the
 * zip (their storage keys), which domain/archives/build.ts copies in.
 *
 * @example const contents = await archiveContents(federation, deps, account);
 */
import type { Federation } from '@fedify/fedify';
import { Create } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import { findAccountImageKeys } from '../db/repositories/account-images.ts';
import type { AccountRecord } from '../db/repositories/accounts.ts';
import { findStatusById, statusFromRow } from '../db/repositories/statuses.ts';
import type { ArchiveContents } from '../domain/archives/ports.ts';
import type { Deps } from '../domain/context.ts';
import { publicMediaUrl } from '../domain/media-attachments/urls.ts';
import { loadNoteParts } from './convert/note.ts';
import { toLocalActor } from './convert/person.ts';
import { toStatusObject } from './convert/question.ts';
import { announce } from './outbox/statuses.ts';

const activityStreams = 'https://www.w3.org/ns/activitystreams';
const batch = 100;
const concurrency = 8;

type Json = Record<string, unknown>;

export async function archiveContents(
  federation: Federation<Deps>,
  deps: Deps,
  account: AccountRecord,
): Promise<ArchiveContents> {
  const ctx = federation.createContext(new URL(deps.config.baseUrl), deps);
  const jsonLd = { format: 'compact' as const, contextLoader: ctx.contextLoader };
  const files: string[] = [];
  /** The URL Woolly serves `key` at -> `key`, the file's path inside the zip. */
  const paths = new Map<string, string>();
  const local = (key: string | null) => {
    if (!key) return;
    files.push(key);
    paths.set(publicMediaUrl(deps.config, key), key);
  };

  const items: Json[] = [];
  for (let afterId = '0'; ;) {
    const rows = await deps.db.all(
      `SELECT * FROM statuses WHERE account_id = ? AND deleted_at IS NULL
         AND id > ? ORDER BY id LIMIT ?`,
      [account.id, afterId, batch],
    );
    // A few posts converted at a time: each reads its parts in a handful of queries.
    const statuses = rows.map(statusFromRow);
    for (let i = 0; i < statuses.length; i += concurrency) {
      const converted = await Promise.all(
        statuses.slice(i, i + concurrency).map(async (status) => {
          if (status.reblogOfId) {
            const boosted = await findStatusById(deps.db, status.reblogOfId);
            if (!boosted || boosted.deletedAt !== null) return null;
            const boost = announce(ctx, status, boosted.uri, account.username);
            return withoutContext((await boost.toJsonLd(jsonLd)) as Json);
          }
          const parts = await loadNoteParts(deps, status, account);
          for (const view of parts.media) local(view.attachment.fileKey);
          const note = await toStatusObject(ctx, parts);
          const create = new Create({
            id: new URL(`${status.uri}/activity`),
            actor: ctx.getActorUri(account.username),
            tos: note.toIds,
            ccs: note.ccIds,
            published: Temporal.Instant.fromEpochMilliseconds(status.createdAt),
            object: note,
          });
          return withoutContext((await create.toJsonLd(jsonLd)) as Json);
        }),
      );
      for (const item of converted) if (item) items.push(item);
    }
    if (rows.length < batch) break;
    afterId = statusFromRow(rows.at(-1)!).id;
  }

  const images = (await findAccountImageKeys(deps.db, [account.id])).get(account.id);
  local(images?.avatarKey ?? null);
  local(images?.headerKey ?? null);
  const person = await toLocalActor(ctx, account);
  const actor = (await person.toJsonLd(jsonLd)) as Json;

  const inZip = (value: unknown): unknown => {
    if (typeof value === 'string') return paths.get(value) ?? value;
    if (Array.isArray(value)) return value.map(inZip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === 'url' || k === 'href' ? inZip(v) : v]),
      );
    }
    return value;
  };
  for (const item of items) {
    const object = item.object as Json | undefined;
    if (object?.attachment) object.attachment = inZip(object.attachment);
  }
  for (const field of ['icon', 'image']) if (actor[field]) actor[field] = inZip(actor[field]);

  return {
    documents: {
      'outbox.json': {
        '@context': activityStreams,
        id: 'outbox.json',
        type: 'OrderedCollection',
        totalItems: items.length,
        orderedItems: items,
      },
      'actor.json': actor,
      'likes.json': await uriCollection(deps, 'likes.json', 'favourites', account.id),
      'bookmarks.json': await uriCollection(deps, 'bookmarks.json', 'bookmarks', account.id),
    },
    files,
  };
}

function withoutContext(item: Json): Json {
  delete item['@context'];
  return item;
}

/** The URIs of the posts `accountId` favourited or bookmarked, oldest first. */
async function uriCollection(
  deps: Deps,
  id: string,
  table: 'favourites' | 'bookmarks',
  accountId: string,
): Promise<Json> {
  const rows = await deps.db.all<{ uri: string }>(
    `SELECT statuses.uri AS uri FROM ${table} JOIN statuses ON statuses.id = ${table}.status_id
      WHERE ${table}.account_id = ? AND statuses.deleted_at IS NULL ORDER BY ${table}.id`,
    [accountId],
  );
  return {
    '@context': activityStreams,
    id,
    type: 'OrderedCollection',
    orderedItems: rows.map((r) => r.uri),
  };
}

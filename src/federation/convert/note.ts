/**
 * A local post as the Note Mastodon publishes: its HTML, content warning, addressing,
 * mentions and hashtags as tags, the post it answers, and its edit time.
 */
import type { Context } from '@fedify/fedify';
import { Hashtag, Mention, Note } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findAccountsByIds } from '../../db/repositories/accounts.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import { findTagsByStatusIds } from '../../db/repositories/tags.ts';
import type { Deps } from '../../domain/context.ts';
import { addressing } from './addressing.ts';

export interface NoteParts {
  status: StatusRecord;
  author: AccountRecord;
  /** The accounts it mentions (silent mentions left out, as Mastodon does). */
  mentioned: AccountRecord[];
  tagNames: string[];
  inReplyToUri: string | null;
}

/** Everything a Note of `status` shows, read in a few queries. */
export async function loadNoteParts(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
  author: AccountRecord,
): Promise<NoteParts> {
  const [mentions, tags, parent] = await Promise.all([
    findMentionsByStatusIds(deps.db, [status.id]),
    findTagsByStatusIds(deps.db, [status.id]),
    status.inReplyToId ? findStatusById(deps.db, status.inReplyToId) : Promise.resolve(null),
  ]);
  const mentioned = await findAccountsByIds(
    deps.db,
    mentions.filter((m) => !m.silent).map((m) => m.accountId),
  );
  return {
    status,
    author,
    mentioned,
    tagNames: (tags.get(status.id) ?? []).map((t) => t.name),
    inReplyToUri: parent?.uri ?? null,
  };
}

const acct = (account: AccountRecord) =>
  account.domain === null ? account.username : `${account.username}@${account.domain}`;

export function toNote(ctx: Context<Deps>, parts: NoteParts): Note {
  const { status, author } = parts;
  const audience = addressing(
    status.visibility,
    ctx.getFollowersUri(author.username),
    parts.mentioned.map((a) => new URL(a.uri)),
  );
  return new Note({
    id: new URL(status.uri),
    attribution: ctx.getActorUri(author.username),
    tos: audience.to,
    ccs: audience.cc,
    content: status.content,
    summary: status.spoilerText === '' ? null : status.spoilerText,
    sensitive: status.sensitive,
    url: status.url ? new URL(status.url) : null,
    replyTarget: parts.inReplyToUri ? new URL(parts.inReplyToUri) : null,
    published: Temporal.Instant.fromEpochMilliseconds(status.createdAt),
    updated:
      status.editedAt === null ? null : Temporal.Instant.fromEpochMilliseconds(status.editedAt),
    tags: [
      ...parts.mentioned.map((a) => new Mention({ href: new URL(a.uri), name: `@${acct(a)}` })),
      ...parts.tagNames.map(
        (name) =>
          new Hashtag({
            href: new URL(`${ctx.origin}/tags/${encodeURIComponent(name)}`),
            name: `#${name}`,
          }),
      ),
    ],
  });
}

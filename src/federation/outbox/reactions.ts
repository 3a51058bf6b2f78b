/**
 * Emoji reactions going out, as Pleroma and Akkoma send them: a local account's reaction is
 * an `EmojiReact` whose `content` is the emoji (`:shortcode:` for a custom one, with its
 * Emoji `tag`), to the post's author and, when the post is public or unlisted, to the
 * reactor's followers; taking it back sends `Undo` of the same EmojiReact. The EmojiReact's
 * id comes from the reaction's row (`<actor>#reactions/<id>`), so a retried job sends the
 * same activity and the Undo names it. Local-only posts never leave the server.
 */
import type { Context } from '@fedify/fedify';
import { Emoji, EmojiReact, Image, PUBLIC_COLLECTION, Undo } from '@fedify/vocab';
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findCustomEmojiByShortcode } from '../../db/repositories/custom-emojis.ts';
import { findReactionById } from '../../db/repositories/status-reactions.ts';
import { findStatusById } from '../../db/repositories/statuses.ts';
import type { Deps } from '../../domain/context.ts';
import type { ReactionEvent } from '../../domain/events.ts';
import { remoteFollowers } from './audience.ts';
import { deliver } from './deliver.ts';

/** The Emoji tag of a custom emoji reaction, or null when Woolly no longer has the emoji. */
async function emojiTag(ctx: Context<Deps>, event: ReactionEvent): Promise<Emoji | null> {
  const emoji = await findCustomEmojiByShortcode(ctx.data.db, event.name, event.emojiDomain);
  if (!emoji) return null;
  return new Emoji({
    id: new URL(emoji.uri ?? emoji.imageUrl),
    name: `:${emoji.shortcode}:`,
    icon: new Image({ url: new URL(emoji.imageUrl) }),
  });
}

const isShortcode = (name: string) => /^[a-zA-Z0-9_]+$/.test(name);

/** The EmojiReact a local reaction is, with who receives it; null when it stays here. */
async function emojiReactOf(
  ctx: Context<Deps>,
  event: ReactionEvent,
): Promise<{ reactor: AccountRecord; to: AccountRecord[]; react: EmojiReact } | null> {
  const [reactor, status] = await Promise.all([
    findAccountById(ctx.data.db, event.accountId),
    findStatusById(ctx.data.db, event.statusId),
  ]);
  if (!reactor || reactor.domain !== null || !status || status.localOnly) return null;
  if (status.deletedAt !== null) return null;
  const author = await findAccountById(ctx.data.db, status.accountId);
  if (!author) return null;
  const open = status.visibility === 'public' || status.visibility === 'unlisted';
  const followers = ctx.getFollowersUri(reactor.username);
  const actor = ctx.getActorUri(reactor.username);
  const custom = isShortcode(event.name);
  const tag = custom ? await emojiTag(ctx, event) : null;
  const react = new EmojiReact({
    id: new URL(`${actor.href}#reactions/${event.reactionId}`),
    actor,
    object: new URL(status.uri),
    content: custom ? `:${event.name}:` : event.name,
    tags: tag ? [tag] : [],
    tos: [new URL(author.uri)],
    ccs: open ? [followers, ...(status.visibility === 'public' ? [PUBLIC_COLLECTION] : [])] : [],
  });
  const to = [author, ...(open ? await remoteFollowers(ctx.data, reactor.id) : [])];
  return { reactor, to, react };
}

export async function onStatusReacted(ctx: Context<Deps>, event: ReactionEvent): Promise<void> {
  // Taken back before this ran: the Undo's job follows, and nothing needs undoing.
  if (!(await findReactionById(ctx.data.db, event.reactionId))) return;
  const out = await emojiReactOf(ctx, event);
  if (out) await deliver(ctx, out.reactor, out.to, out.react);
}

export async function onStatusUnreacted(ctx: Context<Deps>, event: ReactionEvent): Promise<void> {
  const out = await emojiReactOf(ctx, event);
  if (!out) return;
  await deliver(
    ctx,
    out.reactor,
    out.to,
    new Undo({
      id: new URL(`${out.react.id!.href}/undo`),
      actor: out.react.actorId,
      object: out.react,
      tos: out.react.toIds,
      ccs: out.react.ccIds,
    }),
  );
}

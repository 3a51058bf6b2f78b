/**
 * Subscribing a client to a stream, the same for WebSocket messages, the WebSocket URL's
 * `?stream=` and the SSE paths: parse the name and its parameter, check the token may read it,
 * check the list is the viewer's, then register it with the hub.
 */
import { findList } from '../db/repositories/lists.ts';
import type { Deps } from '../domain/context.ts';
import { checkStreamAccess, type StreamViewer } from './auth.ts';
import { ChannelError, parseChannel, type Channel } from './channels.ts';
import type { StreamClient, StreamingHub } from './hub.ts';

/** Parses and checks a subscription; throws a ChannelError in Mastodon's words. */
export async function checkedChannel(
  deps: Pick<Deps, 'db'>,
  viewer: StreamViewer | null,
  stream: unknown,
  params: { tag?: unknown; list?: unknown },
): Promise<Channel> {
  const channel = parseChannel(stream, params);
  checkStreamAccess(viewer, channel.name);
  if (channel.list !== null) {
    const list = await findList(deps.db, channel.list);
    // Someone else's list and no list at all read the same, so ids reveal nothing.
    if (!list || list.accountId !== viewer?.account.id) {
      throw new ChannelError(401, 'Not authorized to stream this list');
    }
  }
  return channel;
}

export async function subscribeClient(
  deps: Pick<Deps, 'db'>,
  hub: StreamingHub,
  client: StreamClient,
  viewer: StreamViewer | null,
  stream: unknown,
  params: { tag?: unknown; list?: unknown },
): Promise<Channel> {
  const channel = await checkedChannel(deps, viewer, stream, params);
  hub.subscribe(client, channel);
  return channel;
}

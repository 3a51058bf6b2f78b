/**
 * Subscribing a client to a stream, the same for WebSocket messages, the WebSocket URL's
 * `?stream=` and the SSE paths: parse the name and its parameter, check the token may read it,
 * check the list is the viewer's, then register it with the hub.
 */
import { checkStreamAccess, type StreamViewer } from './auth.ts';
import { ChannelError, parseChannel, type Channel } from './channels.ts';
import type { StreamClient, StreamingHub } from './hub.ts';

/** Parses and checks a subscription; throws a ChannelError in Mastodon's words. */
export function checkedChannel(
  viewer: StreamViewer | null,
  stream: unknown,
  params: { tag?: unknown; list?: unknown },
): Channel {
  const channel = parseChannel(stream, params);
  checkStreamAccess(viewer, channel.name);
  if (channel.name === 'list') {
    // Woolly has no lists yet, so no list is the viewer's; Mastodon refuses a list the viewer
    // does not own with these words.
    throw new ChannelError(401, 'Not authorized to stream this list');
  }
  return channel;
}

export function subscribeClient(
  hub: StreamingHub,
  client: StreamClient,
  viewer: StreamViewer | null,
  stream: unknown,
  params: { tag?: unknown; list?: unknown },
): Channel {
  const channel = checkedChannel(viewer, stream, params);
  hub.subscribe(client, channel);
  return channel;
}

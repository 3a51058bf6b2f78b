/**
 * The streams a client may ask for, by Mastodon's names (`user`, `public:local:media`,
 * `hashtag`...), and what each needs: the scopes of the token, a signed-in account, a tag or a
 * list. A request is parsed here once, for WebSocket subscriptions and SSE paths alike, so
 * both refuse the same things with the same words.
 */
import { normalizeHashtag } from '../domain/statuses/hashtags.ts';

export const streamNames = [
  'user',
  'user:notification',
  'public',
  'public:media',
  'public:local',
  'public:local:media',
  'public:remote',
  'public:remote:media',
  'hashtag',
  'hashtag:local',
  'list',
  'direct',
] as const;
export type StreamName = (typeof streamNames)[number];

/** One subscription: a stream and its parameter, with the key the hub indexes it by. */
export interface Channel {
  name: StreamName;
  /** The normalized tag of the hashtag streams. */
  tag: string | null;
  /** The tag as the client wrote it: Mastodon echoes it back in each frame's `stream`. */
  tagAsGiven: string | null;
  list: string | null;
  /** What a frame's `stream` says: `["hashtag", "Cats"]`, `["user"]`. */
  streamLabel: string[];
  /** The same channel asked twice is one subscription. */
  key: string;
}

export class ChannelError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Streams a signed-out SSE client may read (public posts only, as the REST timelines). */
export function isPublicStream(name: StreamName): boolean {
  return name.startsWith('public') || name.startsWith('hashtag');
}

/** The scopes that let a token read `name` (any one of them). */
export function scopesFor(name: StreamName): string[] {
  return name === 'user:notification' ? ['read', 'read:notifications'] : ['read', 'read:statuses'];
}

const isStreamName = (name: string): name is StreamName =>
  (streamNames as readonly string[]).includes(name);

/**
 * The channel for `stream` with its parameters, or a ChannelError in Mastodon's words
 * (`Unknown stream type`, `No tag for stream provided`, `No list for stream provided`).
 */
export function parseChannel(stream: unknown, params: { tag?: unknown; list?: unknown }): Channel {
  const name = Array.isArray(stream) ? (stream[0] as unknown) : stream;
  if (typeof name !== 'string' || !isStreamName(name)) {
    throw new ChannelError(400, 'Unknown stream type');
  }
  if (name === 'hashtag' || name === 'hashtag:local') {
    const tag = typeof params.tag === 'string' ? params.tag.trim().replace(/^#/, '') : '';
    if (tag.length === 0) throw new ChannelError(400, 'No tag for stream provided');
    const normalized = normalizeHashtag(tag);
    return {
      name,
      tag: normalized,
      tagAsGiven: tag,
      list: null,
      streamLabel: [name, tag],
      key: `${name}:${normalized}`,
    };
  }
  if (name === 'list') {
    const list =
      typeof params.list === 'string' || typeof params.list === 'number' ? String(params.list) : '';
    if (!/^\d+$/.test(list)) throw new ChannelError(400, 'No list for stream provided');
    return {
      name,
      tag: null,
      tagAsGiven: null,
      list,
      streamLabel: [name, list],
      key: `list:${list}`,
    };
  }
  return { name, tag: null, tagAsGiven: null, list: null, streamLabel: [name], key: name };
}

/** The SSE path's stream name: `/api/v1/streaming/public/local` is `public:local`. */
export function streamNameFromPath(path: string): string {
  return path
    .replace(/^\/api\/v1\/streaming\/?/, '')
    .replace(/\/$/, '')
    .replaceAll('/', ':');
}

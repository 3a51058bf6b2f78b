/**
 * The Server-Sent Events streams: `GET /api/v1/streaming/user`, `/user/notification`,
 * `/public`, `/public/local`, `/public/remote`, `/hashtag?tag=`, `/hashtag/local?tag=`,
 * `/list?list=`, `/direct`, and the `/media` variants of the public ones. Each event is
 * `event: update\ndata: <payload>\n\n`; `:thump` comments keep idle connections open, as
 * Mastodon's streaming server sends them. Signed-out readers may follow the public streams;
 * the others answer 401 without a valid token, and an unknown stream 404.
 *
 * The stream has a bounded queue: a reader that falls more than `maxBufferedBytes` behind is
 * cut off instead of growing this process's memory.
 */
import { Hono } from 'hono';
import type { AccountRecord } from '../db/repositories/accounts.ts';
import type { Deps } from '../domain/context.ts';
import { streamToken, streamViewer, type StreamViewer } from './auth.ts';
import { ChannelError, streamNameFromPath } from './channels.ts';
import type { StreamClient, StreamingHub } from './hub.ts';
import { checkedChannel } from './subscribe.ts';

export interface SseOptions {
  /** How often a `:thump` comment is sent (Mastodon: 15 s). */
  heartbeatMs?: number;
  maxBufferedBytes?: number;
}

const encoder = new TextEncoder();

class SseClient implements StreamClient {
  readonly account: AccountRecord | null;
  readonly scopes: readonly string[];
  readonly tokenId: string | null;
  readonly languages: readonly string[] | null;
  /** Ends the response; set once the stream is registered. */
  end: () => void = () => {};
  readonly #controller: ReadableStreamDefaultController<Uint8Array>;
  readonly #maxBuffered: number;
  readonly #onDrop: () => void;
  closed = false;

  constructor(
    controller: ReadableStreamDefaultController<Uint8Array>,
    viewer: StreamViewer | null,
    maxBuffered: number,
    onDrop: () => void,
  ) {
    this.#controller = controller;
    this.account = viewer?.account ?? null;
    this.scopes = viewer?.scopes ?? [];
    this.tokenId = viewer?.tokenId ?? null;
    this.languages = viewer?.languages ?? null;
    this.#maxBuffered = maxBuffered;
    this.#onDrop = onDrop;
  }

  close(): void {
    this.end();
  }

  send(_stream: readonly string[], event: string, payload: string | undefined): void {
    this.write(`event: ${event}\ndata: ${payload ?? ''}\n\n`);
  }

  write(text: string): void {
    if (this.closed) return;
    // desiredSize goes below zero by the bytes the reader has not taken yet.
    if ((this.#controller.desiredSize ?? 0) < -this.#maxBuffered) {
      this.closed = true;
      this.#onDrop();
      // Erroring the body makes the HTTP server destroy the connection. The code is the one
      // of a reader gone away, which @hono/node-server treats as routine instead of a crash.
      this.#controller.error(
        Object.assign(new Error('slow streaming client dropped'), {
          code: 'ERR_STREAM_PREMATURE_CLOSE',
        }),
      );
      return;
    }
    this.#controller.enqueue(encoder.encode(text));
  }
}

/** The SSE routes, and a function that ends every open SSE stream (at shutdown). */
export function sseRoutes(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  hub: StreamingHub,
  options: SseOptions = {},
): { routes: Hono; close(): void } {
  const app = new Hono();
  const open = new Set<() => void>();
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  app.get('/api/v1/streaming/:path{.+}', async (c) => {
    const name = streamNameFromPath(new URL(c.req.url).pathname);
    const token = streamToken({
      authorization: c.req.header('authorization'),
      query: c.req.query('access_token'),
    });
    let viewer: StreamViewer | null = null;
    let client: SseClient | null = null;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    let end: (() => void) | null = null;
    const stop = () => {
      clearInterval(heartbeat);
      if (end) open.delete(end);
      if (client) {
        client.closed = true;
        hub.remove(client);
      }
    };
    try {
      viewer = token ? await streamViewer(deps, token) : null;
      const channel = await checkedChannel(deps, viewer, name, {
        tag: c.req.query('tag'),
        list: c.req.query('list'),
      });
      const body = new ReadableStream<Uint8Array>(
        {
          start(controller) {
            client = new SseClient(controller, viewer, maxBuffered, () => {
              deps.log.info('streaming: dropped a slow SSE client', {
                accountId: viewer?.account.id ?? null,
              });
              stop();
            });
            hub.subscribe(client, channel);
            client.write(':)\n');
            heartbeat = setInterval(() => client?.write(':thump\n'), heartbeatMs);
            end = () => {
              stop();
              controller.close();
            };
            client.end = end;
            open.add(end);
          },
          cancel: stop,
        },
        new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
      );
      return new Response(body, {
        headers: {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          'x-accel-buffering': 'no',
        },
      });
    } catch (error) {
      stop();
      if (!(error instanceof ChannelError)) throw error;
      // Mastodon answers a stream it cannot serve with 404, a token problem with 401.
      const status = error.status === 401 ? 401 : 404;
      return c.json({ error: error.message }, status);
    }
  });
  return {
    routes: app,
    close() {
      for (const end of [...open]) end();
    },
  };
}

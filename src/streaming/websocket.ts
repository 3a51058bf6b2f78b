/**
 * `GET /api/v1/streaming` over WebSocket, on the main HTTP server's `upgrade` event (no
 * separate streaming host). As Mastodon's streaming server:
 *
 * - the token is checked before the upgrade; without a valid one the upgrade is answered with
 *   a 401 and the socket closed;
 * - `?stream=user&tag=...` subscribes at once; `{"type":"subscribe","stream":"hashtag","tag":"x"}`
 *   and `{"type":"unsubscribe",...}` messages change the subscriptions later;
 * - each event is a text frame `{"stream":["hashtag","x"],"event":"update","payload":"<json>"}`;
 * - a refused subscription answers `{"error":"Unknown stream type","status":400}`.
 *
 * The server pings every `heartbeatMs` and drops a client that did not answer the previous
 * ping; a client that lets more than `maxBufferedBytes` wait unsent is dropped too, so a slow
 * reader never makes this process buffer without bound.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { AccountRecord } from '../db/repositories/accounts.ts';
import type { Deps } from '../domain/context.ts';
import { streamToken, streamViewer, type StreamViewer } from './auth.ts';
import { ChannelError } from './channels.ts';
import { FrameWriter, type FrameTarget } from './frame-writer.ts';
import type { StreamClient, StreamingHub } from './hub.ts';
import { checkedChannel, subscribeClient } from './subscribe.ts';

export interface WebSocketOptions {
  /** How often idle clients are pinged (Mastodon: 30 s). */
  heartbeatMs?: number;
  /** Unsent bytes after which a client is dropped. */
  maxBufferedBytes?: number;
}

const streamingPath = '/api/v1/streaming';

/** How long clients get to answer the close frame at shutdown before being cut. */
const closeGraceMs = 2000;

class WebSocketClient implements StreamClient, FrameTarget {
  readonly account: AccountRecord;
  readonly scopes: readonly string[];
  readonly tokenId: string;
  readonly languages: readonly string[] | null;
  /** The connection's socket, which ws writes its frames to as well. */
  readonly socket: Duplex;
  readonly #ws: WebSocket;
  readonly #writer: FrameWriter;
  readonly #maxBuffered: number;
  readonly #onDrop: () => void;
  alive = true;

  constructor(
    ws: WebSocket,
    socket: Duplex,
    writer: FrameWriter,
    viewer: StreamViewer,
    maxBuffered: number,
    onDrop: () => void,
  ) {
    this.#ws = ws;
    this.socket = socket;
    this.#writer = writer;
    this.account = viewer.account;
    this.scopes = viewer.scopes;
    this.tokenId = viewer.tokenId;
    this.languages = viewer.languages;
    this.#maxBuffered = maxBuffered;
    this.#onDrop = onDrop;
  }

  send(stream: readonly string[], event: string, payload: string | undefined): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    if (this.#ws.bufferedAmount > this.#maxBuffered) {
      this.#onDrop();
      this.#ws.terminate();
      return;
    }
    // Written straight to the socket, as ws would write it: ws compresses nothing here
    // (perMessageDeflate is off), so it never holds frames back that this could overtake.
    this.#writer.enqueue(this, this.#writer.frame(stream, event, payload));
  }

  writable(): boolean {
    return this.#ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.#ws.close();
  }

  error(message: string, status: number): void {
    if (this.#ws.readyState === WebSocket.OPEN)
      this.#ws.send(JSON.stringify({ error: message, status }));
  }
}

/**
 * Serves WebSocket streams on `server`. Returns a function that closes every socket and stops
 * the heartbeat.
 */
export function attachWebSocketStreaming(
  server: Server,
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  hub: StreamingHub,
  options: WebSocketOptions = {},
): () => Promise<void> {
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  // Compression would cost memory per socket; Mastodon's streaming server runs without it too.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
  });
  const clients = new Map<WebSocket, WebSocketClient>();
  const writer = new FrameWriter();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== streamingPath && url.pathname !== `${streamingPath}/`) {
      refuse(socket, 404, 'Not found');
      return;
    }
    const token = streamToken({
      authorization: req.headers.authorization,
      protocol: req.headers['sec-websocket-protocol'],
      query: url.searchParams.get('access_token'),
    });
    streamViewer(deps, token).then(
      (viewer) =>
        wss.handleUpgrade(req, socket, head, (ws) => {
          const client = new WebSocketClient(ws, socket, writer, viewer, maxBuffered, () =>
            deps.log.info('streaming: dropped a slow WebSocket client', {
              accountId: viewer.account.id,
            }),
          );
          clients.set(ws, client);
          hub.add(client);
          ws.on('pong', () => (client.alive = true));
          ws.on('message', (data, isBinary) =>
            onMessage(deps, hub, client, viewer, data, isBinary),
          );
          ws.on('close', () => {
            clients.delete(ws);
            writer.forget(client);
            hub.remove(client);
          });
          ws.on('error', () => ws.terminate());
          const stream = url.searchParams.get('stream');
          if (stream !== null) {
            change(deps, hub, client, viewer, 'subscribe', stream, {
              tag: url.searchParams.get('tag') ?? undefined,
              list: url.searchParams.get('list') ?? undefined,
            }).catch((error: unknown) =>
              deps.log.error('streaming: subscription failed', { error }),
            );
          }
        }),
      (error: unknown) => {
        if (error instanceof ChannelError) refuse(socket, error.status, error.message);
        else {
          deps.log.error('streaming: authentication failed', { error });
          refuse(socket, 500, 'Internal server error');
        }
      },
    );
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const [ws, client] of clients) {
      if (!client.alive) {
        ws.terminate();
        continue;
      }
      client.alive = false;
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return async () => {
    clearInterval(heartbeat);
    server.off('upgrade', onUpgrade);
    await goAway([...clients.keys()], closeGraceMs);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

/**
 * Closes `sockets` as a server going down should (RFC 6455 §7.4.1: 1001, going away), so
 * clients reconnect, to another process if there is one; a client that does not answer the
 * close within `graceMs` is cut.
 */
async function goAway(sockets: WebSocket[], graceMs: number): Promise<void> {
  const closed = sockets.map((ws) =>
    ws.readyState === WebSocket.CLOSED
      ? Promise.resolve()
      : new Promise<void>((resolve) => ws.once('close', () => resolve())),
  );
  for (const ws of sockets) ws.close(1001, 'Server shutting down');
  const cut = setTimeout(() => sockets.forEach((ws) => ws.terminate()), graceMs);
  await Promise.all(closed);
  clearTimeout(cut);
}

/** Subscribes or unsubscribes; a refusal is an error frame, never a closed socket. */
async function change(
  deps: Pick<Deps, 'db'>,
  hub: StreamingHub,
  client: WebSocketClient,
  viewer: StreamViewer,
  type: 'subscribe' | 'unsubscribe',
  stream: unknown,
  params: { tag?: unknown; list?: unknown },
): Promise<void> {
  try {
    if (type === 'subscribe') await subscribeClient(deps, hub, client, viewer, stream, params);
    else hub.unsubscribe(client, await checkedChannel(deps, viewer, stream, params));
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
    client.error(error.message, error.status);
  }
}

function onMessage(
  deps: Pick<Deps, 'db' | 'log'>,
  hub: StreamingHub,
  client: WebSocketClient,
  viewer: StreamViewer,
  data: RawData,
  isBinary: boolean,
): void {
  let message: unknown;
  try {
    message = isBinary ? null : JSON.parse(String(data));
  } catch {
    message = null;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    client.error('Error parsing JSON', 400);
    return;
  }
  const { type, stream, tag, list } = message as Record<string, unknown>;
  if (type !== 'subscribe' && type !== 'unsubscribe') {
    client.error('Unknown message type', 400);
    return;
  }
  change(deps, hub, client, viewer, type, stream, { tag, list }).catch((error: unknown) =>
    deps.log.error('streaming: subscription failed', { error }),
  );
}

/** Answers an upgrade request with an HTTP error and closes the socket. */
function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/**
 * Stopping a Woolly that is serving (what SIGTERM does through `woolly.close`): a request
 * already in flight (a client still sending its body) completes and its post is made, new
 * connections are refused from the moment shutdown starts, a WebSocket stream gets a close
 * frame saying 1001 (going away) and an SSE stream ends like a finished response, so clients
 * reconnect to another process instead of seeing a broken connection.
 *
 * One process, on SQLite only: draining is HTTP's business, the database is not what varies.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request, type IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { freePort } from '../helpers/listening.ts';
import { testConfig } from '../helpers/woolly.ts';

test('shutdown lets an in-flight request finish, refuses new connections and closes streams cleanly', async (t) => {
  const db = await createTestDatabase('sqlite');
  t.after(() => db.drop());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const woolly = await createWoolly(
    testConfig(db, {
      PORT: String(port),
      BIND: '127.0.0.1',
      LOCAL_DOMAIN: `127.0.0.1:${port}`,
      LOCAL_HTTPS: 'false',
    }),
    { log: memoryLogger('debug'), jobs: { pollMs: 20 } },
  );
  const server = await woolly.listen();
  assert.ok(server);
  const { token, account } = await makeUserWithToken(woolly.deps);

  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/api/v1/streaming?stream=user&access_token=${token}`,
  );
  await once(socket, 'open');
  const socketClosed = once(socket, 'close') as Promise<[number, Buffer]>;
  const sse = await fetch(`${base}/api/v1/streaming/public`);
  assert.equal(sse.status, 200);
  const sseText = new Response(sse.body).text();
  const until = Date.now() + 5000;
  while (woolly.streaming.hub.listeners(`home:${account.id}`).size === 0) {
    assert.ok(Date.now() < until, 'the WebSocket stream was never subscribed');
    await new Promise((r) => setTimeout(r, 5));
  }

  // A post whose body is half sent when the shutdown starts.
  const body = JSON.stringify({ status: 'sent while the server was stopping' });
  const slow = request(`${base}/api/v1/statuses`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
  const answered = once(slow, 'response') as Promise<[IncomingMessage]>;
  const arrived = once(server, 'request');
  slow.write(body.slice(0, 10));
  await arrived;

  const closing = woolly.close({ timeoutMs: 10_000 });
  await assert.rejects(fetch(`${base}/api/v1/instance`), (error: Error) => {
    assert.match(String((error.cause as { code?: string } | undefined)?.code), /ECONNREFUSED/);
    return true;
  });
  const [code] = await socketClosed;
  assert.equal(code, 1001, 'the stream is told the server is going away');
  assert.equal(await sseText, ':)\n', 'the SSE stream ends as a complete response');

  slow.end(body.slice(10));
  const [res] = await answered;
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  assert.equal(res.statusCode, 200, Buffer.concat(chunks).toString());
  const made = JSON.parse(Buffer.concat(chunks).toString()) as { content: string };
  assert.equal(made.content, '<p>sent while the server was stopping</p>');
  await closing;
});

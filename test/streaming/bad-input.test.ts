/**
 * Bad input on the streams, beside what websocket.test.ts checks: someone else's list and
 * missing parameters on the SSE paths, binary and non-object WebSocket messages, a message
 * over the size limit (the socket closes with 1009, Message Too Big), and an upgrade on a path
 * that is not the streaming API. Nothing leaks and the server keeps serving. Parsing and
 * refusing do not depend on the database: SQLite only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { openSocket, person, startStreamingWoolly } from './helpers.ts';

test('bad stream requests get Mastodon errors and change nothing', async (t) => {
  const w = await startStreamingWoolly(t, 'sqlite');
  const [alice, bob] = [await person(w), await person(w)];
  const list = (await bob.api.post('/api/v1/lists', { title: 'friends' })).body as { id: string };

  const sse = async (path: string, token?: string) => {
    const res = await fetch(`${w.base}/api/v1/streaming/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  assert.deepEqual(await sse(`list?list=${list.id}`, alice.token), {
    status: 401,
    body: { error: 'Not authorized to stream this list' },
  });
  assert.deepEqual(await sse('list?list=1234567', alice.token), {
    status: 401,
    body: { error: 'Not authorized to stream this list' },
  });
  assert.equal((await sse('list?list=abc', alice.token)).status, 404);
  assert.equal((await sse('hashtag', alice.token)).status, 404);
  assert.equal((await sse('direct')).status, 401);
  assert.equal((await sse('direct', 'not-a-token')).status, 401);
  assert.equal(w.streaming.hub.clientCount, 0, 'no refused stream stays open');

  const reader = await openSocket(w, `?access_token=${alice.token}`);
  reader.socket.send(Buffer.from([1, 2, 3]), { binary: true });
  await reader.next((f) => f.error === 'Error parsing JSON');
  reader.send('["subscribe","public"]');
  await reader.next((f) => f.error === 'Error parsing JSON' && reader.frames.length >= 2);
  reader.send({ type: 'subscribe', stream: 'list', list: list.id });
  await reader.next((f) => f.error === 'Not authorized to stream this list');
  assert.equal(w.streaming.hub.listeners(`list:${list.id}`).size, 0);

  const closed = new Promise<number>((resolve) => reader.socket.once('close', resolve));
  reader.send({ type: 'subscribe', stream: 'x'.repeat(70_000) });
  assert.equal(await closed, 1009, 'a message over 64 KiB closes the socket');

  const status = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${w.ws}/api/v1/streaming/nowhere?access_token=${alice.token}`);
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('opened')));
    ws.once('error', () => {});
  });
  assert.equal(status, 404);
  assert.equal((await fetch(`${w.base}/api/v1/streaming/health`)).status, 200);
});

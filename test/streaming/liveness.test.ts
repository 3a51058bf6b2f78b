/**
 * Keeping streams honest: WebSocket clients are pinged and dropped when they stop answering;
 * a reader that stops reading is dropped once its unsent frames pass the limit, instead of
 * growing the server's memory.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../helpers/woolly.ts';
import {
  openSocket,
  person,
  startStreamingWoolly,
  subscribed,
  type StreamingWoolly,
} from './helpers.ts';

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A burst of large frames to every public subscriber, as a flood of posts would make. */
function flood(w: StreamingWoolly, frames: number): void {
  const payload = JSON.stringify({ content: 'x'.repeat(16 * 1024) });
  for (let i = 0; i < frames; i++) {
    for (const sub of [...w.streaming.hub.listeners('public')]) {
      sub.client.send(sub.channel.streamLabel, 'update', payload);
    }
  }
}

forEachDatabase((kind) => {
  test('pings keep a live client; a client that stops answering is dropped', async (t) => {
    // Long enough that a loaded machine answers each ping before the next one is due.
    const w = await startStreamingWoolly(t, kind, { heartbeatMs: 200 });
    const [alice, bob] = [await person(w), await person(w)];
    const live = await openSocket(w, `?stream=public&access_token=${alice.token}`);
    const dead = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    await subscribed(w, 'public', 2);
    let pings = 0;
    live.socket.on('ping', () => (pings += 1));
    // A paused socket reads nothing, so it answers no ping: a vanished client, as the server sees it.
    dead.socket.pause();
    await until(() => w.streaming.hub.listeners('public').size === 1, 'the dead client to go');
    await until(() => pings >= 3, 'three pings');
    assert.equal(w.streaming.hub.clientCount, 1);
    live.close();
  });

  test('a WebSocket reader that does not read is dropped', async (t) => {
    const w = await startStreamingWoolly(t, kind, { maxBufferedBytes: 256 * 1024 });
    const [alice, bob] = [await person(w), await person(w)];
    const slow = await openSocket(w, `?stream=public&access_token=${alice.token}`);
    const fast = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    await subscribed(w, 'public', 2);
    slow.socket.pause();
    // Kernel socket buffers take several megabytes before the server's queue starts growing.
    const end = Date.now() + 10_000;
    while (w.streaming.hub.clientCount > 1 && Date.now() < end) {
      flood(w, 100);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => w.streaming.hub.clientCount === 1, 'the slow reader to go');
    assert.ok(w.logs.some((l) => l.includes('dropped a slow WebSocket client')));
    assert.equal(w.streaming.hub.listeners('public').size, 1, 'the reading client stays');
    fast.close();
  });

  test('an SSE reader that does not read is cut off', async (t) => {
    const w = await startStreamingWoolly(t, kind, { maxBufferedBytes: 256 * 1024 });
    const res = await fetch(`${w.base}/api/v1/streaming/public`);
    assert.equal(res.status, 200);
    await subscribed(w, 'public');
    // The body is never read.
    const end = Date.now() + 10_000;
    while (w.streaming.hub.clientCount > 0 && Date.now() < end) {
      flood(w, 100);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => w.streaming.hub.clientCount === 0, 'the slow SSE reader to go');
    assert.ok(w.logs.some((l) => l.includes('dropped a slow SSE client')));
    await res.body?.cancel().catch(() => {});
  });
});

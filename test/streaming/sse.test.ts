/**
 * The SSE paths on a real listening Woolly: signed-out readers of public streams, tokens for
 * the others, Mastodon's 401 and 404, `:thump` heartbeats, and the health check.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  forEachShape,
  person,
  post,
  startStreamingWoolly,
  type StreamingWoolly,
  subscribed,
} from './helpers.ts';

interface SseReader {
  text(): string;
  /** Waits until the text received so far contains `needle`. */
  until(needle: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

async function openSse(w: StreamingWoolly, path: string, token?: string): Promise<SseReader> {
  const controller = new AbortController();
  const res = await fetch(`${w.streamingBase}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: controller.signal,
  });
  assert.equal(res.status, 200, await (res.status === 200 ? '' : res.text()));
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  let received = '';
  const decoder = new TextDecoder();
  const reading = (async () => {
    try {
      const body = res.body!.getReader();
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        received += decoder.decode(value);
      }
    } catch {
      // aborted by close()
    }
  })();
  void reading;
  return {
    text: () => received,
    close: () => controller.abort(),
    until: async (needle, timeoutMs = 5000) => {
      const end = Date.now() + timeoutMs;
      while (!received.includes(needle)) {
        if (Date.now() > end) throw new Error(`never got ${needle}; got ${received}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}

forEachShape((shape) => {
  test('a signed-out reader follows the local public stream', async (t) => {
    const w = await startStreamingWoolly(t, shape, { sseHeartbeatMs: 50 });
    const alice = await person(w);
    const reader = await openSse(w, '/api/v1/streaming/public/local');
    await subscribed(w, 'public:local');
    const made = await post(w, alice, { status: 'over sse' });
    await reader.until(`event: update\ndata: {"id":"${made.id}"`);
    await reader.until(':thump\n');
    const line = reader
      .text()
      .split('\n')
      .find((l) => l.startsWith('data: {'))!;
    assert.equal(
      (JSON.parse(line.slice('data: '.length)) as { content: string }).content,
      '<p>over sse</p>',
    );
    reader.close();
  });

  test('the user stream needs a token; notifications arrive on user/notification', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob] = [await person(w), await person(w)];
    const anonymous = await fetch(`${w.streamingBase}/api/v1/streaming/user`);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { error: 'Missing access token' });
    const bad = await fetch(`${w.streamingBase}/api/v1/streaming/user?access_token=nope`);
    assert.equal(bad.status, 401);
    assert.deepEqual(await bad.json(), { error: 'Invalid access token' });
    const unknown = await fetch(`${w.streamingBase}/api/v1/streaming/nowhere`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    assert.equal(unknown.status, 404);
    assert.deepEqual(await unknown.json(), { error: 'Unknown stream type' });

    const reader = await openSse(w, '/api/v1/streaming/user/notification', bob.token);
    await subscribed(w, `notifications:${bob.account.id}`);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    await reader.until('event: notification\ndata: ');
    assert.match(reader.text(), /"type":"follow"/);
    reader.close();
  });

  test('the health check answers OK', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const res = await fetch(`${w.streamingBase}/api/v1/streaming/health`);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'OK');
  });
});

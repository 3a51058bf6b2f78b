/**
 * The `direct` stream says `conversation` when a direct post reaches one of the reader's
 * conversations, with the Conversation entity GET /api/v1/conversations shows that reader
 * (unread for those it was written to), over WebSocket and SSE; nobody else hears of it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSignal } from '../../src/streaming/redis-bridge.ts';
import {
  forEachShape,
  type Frame,
  openSocket,
  person,
  post,
  startStreamingWoolly,
  subscribed,
} from './helpers.ts';

interface Conversation {
  id: string;
  unread: boolean;
  accounts: { id: string }[];
  last_status: { id: string } | null;
}

const conversationOf = (f: Frame) => JSON.parse(f.payload!) as Conversation;

forEachShape((shape) => {
  test('a direct post streams `conversation` to its participants only', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    const readers = await Promise.all(
      [alice, bob, carol].map((p) => openSocket(w, `?stream=direct&access_token=${p.token}`)),
    );
    const [aliceWs, bobWs, carolWs] = readers as [
      (typeof readers)[0],
      (typeof readers)[0],
      (typeof readers)[0],
    ];
    for (const p of [alice, bob, carol]) await subscribed(w, `direct:${p.account.id}`);
    const sse = new AbortController();
    const res = await fetch(`${w.streamingBase}/api/v1/streaming/direct`, {
      headers: { authorization: `Bearer ${bob.token}` },
      signal: sse.signal,
    });
    assert.equal(res.status, 200);
    await subscribed(w, `direct:${bob.account.id}`, 2);
    let sseText = '';
    void (async () => {
      try {
        const body = res.body!.getReader();
        for (;;) {
          const { done, value } = await body.read();
          if (done) break;
          sseText += new TextDecoder().decode(value);
        }
      } catch {
        // aborted
      }
    })();

    await post(w, alice, { status: 'nothing private here' });
    const made = await post(w, alice, {
      status: `@${bob.account.username} just between us`,
      visibility: 'direct',
    });
    const toBob = conversationOf(await bobWs.next((f) => f.event === 'conversation'));
    assert.equal(toBob.unread, true);
    assert.equal(toBob.last_status?.id, made.id);
    assert.deepEqual(
      toBob.accounts.map((a) => a.id),
      [alice.account.id],
    );
    const listed = (await bob.api.get('/api/v1/conversations')).list as unknown as Conversation[];
    assert.deepEqual(toBob, listed[0], 'the entity the REST API shows');
    assert.deepEqual((await bobWs.next((f) => f.event === 'conversation')).stream, ['direct']);

    const toAlice = conversationOf(await aliceWs.next((f) => f.event === 'conversation'));
    assert.equal(toAlice.unread, false, 'the author has read it');
    assert.deepEqual(
      toAlice.accounts.map((a) => a.id),
      [bob.account.id],
    );

    // Bob's answer moves the same conversation on.
    const reply = await post(w, bob, {
      status: `@${alice.account.username} indeed`,
      visibility: 'direct',
      in_reply_to_id: made.id,
    });
    const moved = conversationOf(
      await aliceWs.next(
        (f) => f.event === 'conversation' && conversationOf(f).last_status?.id === reply.id,
      ),
    );
    assert.equal(moved.id, toAlice.id);
    assert.equal(moved.unread, true);

    const end = Date.now() + 5000;
    while (!sseText.includes(`event: conversation\ndata: {"id":"${toBob.id}"`)) {
      if (Date.now() > end) assert.fail(`no SSE conversation event; got ${sseText}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(!sseText.includes('event: update'), 'the direct stream carries no updates');
    assert.equal(carolWs.frames.length, 0, 'a stranger hears nothing');
    assert.equal(
      bobWs.frames.filter((f) => f.event !== 'conversation').length,
      0,
      'nothing but conversations on the direct stream',
    );
    sse.abort();
    for (const reader of readers) reader.close();
  });
});

test('the Redis bridge carries conversation signals', () => {
  const signal = { type: 'conversation.updated', accountId: '1', accountConversationId: '2' };
  assert.deepEqual(parseSignal(JSON.stringify(signal)), signal);
  assert.equal(parseSignal(JSON.stringify({ ...signal, accountConversationId: 2 })), null);
});

/**
 * GET /api/v1/streaming over WebSocket on a real listening Woolly: `update`, `status.update`,
 * `delete` and `notification` frames for posts made through the REST API, in every shape
 * (embedded on both databases, and web and streaming processes apart on PostgreSQL and
 * Redis); the token by header, subprotocol or parameter, subscriptions by URL and by message
 * and refusals in Mastodon's words, on both databases.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { forEachDatabase } from '../helpers/woolly.ts';
import { client } from '../relationships/helpers.ts';
import {
  about,
  forEachShape,
  openSocket,
  person,
  post,
  startStreamingWoolly,
  subscribed,
} from './helpers.ts';

forEachShape((shape) => {
  test('a public post reaches the public stream; its edit and deletion follow', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob] = [await person(w), await person(w)];
    const reader = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    await subscribed(w, 'public');

    const made = await post(w, alice, { status: 'hello stream' });
    const update = await reader.next(about('update', made.id));
    assert.deepEqual(update.stream, ['public']);
    assert.equal(typeof update.payload, 'string', 'the payload is a JSON string');
    const status = JSON.parse(update.payload!) as {
      id: string;
      content: string;
      account: { id: string };
    };
    assert.equal(status.content, '<p>hello stream</p>');
    assert.equal(status.account.id, alice.account.id);

    const edit = await w.request(`/api/v1/statuses/${made.id}`, {
      method: 'PUT',
      token: alice.token,
      json: { status: 'hello again' },
    });
    assert.equal(edit.status, 200, await edit.text());
    const edited = await reader.next(about('status.update', made.id));
    assert.equal(
      (JSON.parse(edited.payload!) as { content: string }).content,
      '<p>hello again</p>',
    );

    assert.equal((await client(w, alice.token).delete(`/api/v1/statuses/${made.id}`)).status, 200);
    const deleted = await reader.next(about('delete', made.id));
    assert.equal(deleted.payload, made.id, 'a deletion carries the id alone');
    reader.close();
  });

  test('the user stream: followed posts, own posts and notifications', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob, carol] = [await person(w), await person(w), await person(w)];
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/follow`)).status, 200);
    const reader = await openSocket(w, `?stream=user&access_token=${bob.token}`);
    await subscribed(w, `home:${bob.account.id}`);

    const followed = await post(w, alice, { status: 'to my followers', visibility: 'private' });
    const frame = await reader.next(about('update', followed.id));
    assert.deepEqual(frame.stream, ['user']);
    const own = await post(w, bob, { status: 'mine' });
    await reader.next(about('update', own.id));

    const mention = await post(w, carol, { status: `hi @${bob.account.username}` });
    const notification = await reader.next((f) => f.event === 'notification');
    const n = JSON.parse(notification.payload!) as { type: string; status: { id: string } };
    assert.equal(n.type, 'mention');
    assert.equal(n.status.id, mention.id);
    // carol is not followed: her post itself is not in bob's home.
    assert.ok(!reader.frames.some(about('update', mention.id)));
    reader.close();
  });
});

forEachDatabase((kind) => {
  test('the token may come as subprotocol or header; a bad one is refused with 401', async (t) => {
    const w = await startStreamingWoolly(t, kind);
    const alice = await person(w);
    const byProtocol = await openSocket(w, '?stream=public', { protocol: alice.token });
    assert.equal(byProtocol.socket.protocol, alice.token, 'the subprotocol is echoed back');
    const byHeader = await openSocket(w, '?stream=public', {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    await subscribed(w, 'public', 2);
    byProtocol.close();
    byHeader.close();

    for (const query of ['?stream=public', '?stream=public&access_token=nope']) {
      const status = await new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`${w.ws}/api/v1/streaming${query}`);
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => reject(new Error('the socket opened')));
        socket.on('error', () => {});
      });
      assert.equal(status, 401, query);
    }
  });

  test('subscribe and unsubscribe messages; refusals name the problem', async (t) => {
    const w = await startStreamingWoolly(t, kind);
    const [alice, bob] = [await person(w), await person(w)];
    const reader = await openSocket(w, `?access_token=${bob.token}`);

    reader.send({ type: 'subscribe', stream: 'hashtag', tag: 'Cats' });
    await subscribed(w, 'hashtag:cats');
    const tagged = await post(w, alice, { status: 'look #cats' });
    const frame = await reader.next(about('update', tagged.id));
    assert.deepEqual(frame.stream, ['hashtag', 'Cats']);

    reader.send({ type: 'subscribe', stream: 'nope' });
    assert.deepEqual(await reader.next((f) => f.error !== undefined), {
      error: 'Unknown stream type',
      status: 400,
    });
    reader.send('{not json');
    await reader.next((f) => f.error === 'Error parsing JSON');
    reader.send({ type: 'subscribe', stream: 'hashtag' });
    await reader.next((f) => f.error === 'No tag for stream provided');
    reader.send({ type: 'subscribe', stream: 'list', list: '123' });
    await reader.next((f) => f.error === 'Not authorized to stream this list');
    reader.send({ type: 'dance' });
    await reader.next((f) => f.error === 'Unknown message type');

    reader.send({ type: 'unsubscribe', stream: 'hashtag', tag: 'cats' });
    const until = Date.now() + 5000;
    while (w.streaming.hub.listeners('hashtag:cats').size > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 5));
    }
    assert.equal(w.streaming.hub.listeners('hashtag:cats').size, 0);
    assert.equal(reader.socket.readyState, WebSocket.OPEN, 'errors never close the socket');
    reader.close();
  });
});

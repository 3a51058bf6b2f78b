/** Markers (GET/POST /api/v1/markers) and direct-message conversations (/api/v1/conversations). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import {
  act,
  assertNoFailedFeedJobs,
  assertTimelineEntity,
  person,
  runJobs,
  say,
} from './helpers.ts';

forEachDatabase((kind) => {
  test('markers: saved, bumped, read back by timeline', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    assert.deepEqual((await alice.api.get('/api/v1/markers?timeline[]=home')).body, {});
    const saved = await act(alice, '/api/v1/markers', {
      home: { last_read_id: '103194548672408537' },
    });
    assert.deepEqual(Object.keys(saved.body), ['home']);
    assertTimelineEntity(saved.body.home, 'Marker');
    assert.deepEqual(saved.body.home, {
      last_read_id: '103194548672408537',
      version: 0,
      updated_at: new Date(w.clock.now()).toISOString(),
    });
    w.clock.advance(1000);
    await act(alice, '/api/v1/markers', {
      home: { last_read_id: '103194548672408538' },
      notifications: { last_read_id: '35098814' },
    });
    const both = await alice.api.get(
      '/api/v1/markers?timeline[]=home&timeline[]=notifications&timeline[]=elsewhere',
    );
    assert.deepEqual(both.body, {
      home: {
        last_read_id: '103194548672408538',
        version: 1,
        updated_at: new Date(w.clock.now()).toISOString(),
      },
      notifications: {
        last_read_id: '35098814',
        version: 0,
        updated_at: new Date(w.clock.now()).toISOString(),
      },
    });
    assert.deepEqual((await bob.api.get('/api/v1/markers?timeline[]=home')).body, {});
    const bad = await alice.api.post('/api/v1/markers', { home: { last_read_id: '' } });
    assert.equal(bad.status, 422);
  });

  test('conversations: one per participant, unread, read, removed, last post after deletion', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    const first = await say(alice, `@${bob.account.username} hi`, { visibility: 'direct' });
    await runJobs(w);
    const reply = await say(bob, `@${alice.account.username} hello`, {
      visibility: 'direct',
      in_reply_to_id: first,
    });
    await say(alice, 'public posts make no conversation');
    await runJobs(w);

    const ofBob = await bob.api.get('/api/v1/conversations');
    assert.equal(ofBob.list.length, 1);
    const conversation = ofBob.list[0]!;
    assertTimelineEntity(conversation, 'Conversation');
    assert.equal(conversation.unread, false, 'bob wrote the latest post');
    assert.deepEqual(
      (conversation.accounts as { id: string }[]).map((a) => a.id),
      [alice.account.id],
    );
    assert.equal((conversation.last_status as { id: string }).id, reply);

    const ofAlice = (await alice.api.get('/api/v1/conversations')).list;
    assert.equal(ofAlice.length, 1);
    assert.equal(ofAlice[0]!.unread, true);
    const id = ofAlice[0]!.id as string;
    const read = await act(alice, `/api/v1/conversations/${id}/read`);
    assert.equal(read.body.unread, false);
    assert.equal((await carol.api.post(`/api/v1/conversations/${id}/read`)).status, 404);
    assert.deepEqual((await carol.api.get('/api/v1/conversations')).list, []);

    // Deleting the latest post makes the one before it the latest.
    assert.equal((await bob.api.delete(`/api/v1/statuses/${reply}`)).status, 200);
    await runJobs(w);
    const after = (await alice.api.get('/api/v1/conversations')).list;
    assert.equal((after[0]!.last_status as { id: string }).id, first);

    assert.deepEqual((await alice.api.delete(`/api/v1/conversations/${id}`)).body, {});
    assert.deepEqual((await alice.api.get('/api/v1/conversations')).list, []);
    // A new post brings it back.
    await say(bob, `@${alice.account.username} again`, { visibility: 'direct' });
    await runJobs(w);
    assert.equal((await alice.api.get('/api/v1/conversations')).list.length, 1);
    await assertNoFailedFeedJobs(w);
  });

  test('conversations page by their latest post with Link headers', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const others = [await person(w), await person(w), await person(w)];
    const latest: string[] = [];
    for (const other of others) {
      latest.push(await say(alice, `@${other.account.username} hi`, { visibility: 'direct' }));
    }
    await runJobs(w);
    const page = await alice.api.get('/api/v1/conversations?limit=2');
    assert.deepEqual(
      page.list.map((c) => (c.last_status as { id: string }).id),
      [latest[2], latest[1]],
    );
    assert.match(page.link ?? '', new RegExp(`max_id=${latest[1]}>; rel="next"`));
    const next = await alice.api.get(`/api/v1/conversations?limit=2&max_id=${latest[1]}`);
    assert.deepEqual(
      next.list.map((c) => (c.last_status as { id: string }).id),
      [latest[0]],
    );
    await assertNoFailedFeedJobs(w);
  });
});

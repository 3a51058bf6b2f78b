/**
 * Announcements on the user stream, as Mastodon's streaming server sends them: `announcement`
 * with the entity (no `read`, no `me`), `announcement.reaction` with the new count, and
 * `announcement.delete` with the id. In every shape: published through the web instance, read on
 * the streaming one (in the scaled-out shape the events cross Redis).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createAnnouncement,
  deleteAnnouncement,
  unpublishAnnouncement,
} from '../../src/domain/announcements/manage.ts';
import { runWoolly } from '../helpers/cli.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { testRedisUrl } from '../helpers/redis-jobs.ts';
import {
  forEachShape,
  openSocket,
  person,
  startStreamingWoolly,
  subscribed,
} from '../streaming/helpers.ts';

forEachShape((shape) => {
  test('announcements reach every user stream: published, reacted to, taken down', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob] = [await person(w), await person(w)];
    const streams = [
      await openSocket(w, `?stream=user&access_token=${alice.token}`),
      await openSocket(w, `?stream=user&access_token=${bob.token}`),
    ];
    await subscribed(w, `home:${alice.account.id}`);
    await subscribed(w, `home:${bob.account.id}`);

    const news = await createAnnouncement(w.deps, { text: 'Hello all', publish: true });
    for (const stream of streams) {
      const frame = await stream.next((f) => f.event === 'announcement');
      assert.deepEqual(frame.stream, ['user']);
      const entity = JSON.parse(frame.payload!) as Record<string, unknown>;
      assertEntity(entity, 'Announcement');
      assert.equal(entity.id, news.id);
      assert.equal('read' in entity, false);
    }

    const reacted = await w.request(`/api/v1/announcements/${news.id}/reactions/%F0%9F%8E%89`, {
      method: 'PUT',
      token: alice.token,
    });
    assert.equal(reacted.status, 200);
    const reaction = await streams[1]!.next((f) => f.event === 'announcement.reaction');
    assert.deepEqual(JSON.parse(reaction.payload!), {
      name: '🎉',
      count: 1,
      announcement_id: news.id,
    });

    await unpublishAnnouncement(w.deps, news.id);
    const other = await createAnnouncement(w.deps, { text: 'Bye', publish: true });
    await deleteAnnouncement(w.deps, other.id);
    for (const stream of streams) {
      await stream.next((f) => f.event === 'announcement.delete' && f.payload === news.id);
      await stream.next((f) => f.event === 'announcement.delete' && f.payload === other.id);
      stream.close();
    }
  });
});

test('an announcement published with the CLI reaches the streaming process over Redis', async (t) => {
  const w = await startStreamingWoolly(t, 'redis');
  const alice = await person(w);
  const stream = await openSocket(w, `?stream=user&access_token=${alice.token}`);
  await subscribed(w, `home:${alice.account.id}`);
  // The command runs as an admin's shell would: its own Woolly, on the instance's database and Redis.
  const env = { LOCAL_DOMAIN: new URL(w.base).host, LOCAL_HTTPS: 'false', REDIS_URL: testRedisUrl };
  const created = await runWoolly(
    w.db,
    ['announcements', 'create', '--text', 'Hi', '--publish'],
    env,
  );
  assert.equal(created.code, 0, created.stderr);
  const id = created.lines[0]!.split(' ')[0]!;
  const frame = await stream.next((f) => f.event === 'announcement');
  assert.equal((JSON.parse(frame.payload!) as { id: string }).id, id);
  const deleted = await runWoolly(w.db, ['announcements', 'delete', id], env);
  assert.equal(deleted.code, 0, deleted.stderr);
  await stream.next((f) => f.event === 'announcement.delete' && f.payload === id);
  stream.close();
});

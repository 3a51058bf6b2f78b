/**
 * Announcements: an admin publishes them (domain services, as `woolly announcements` does),
 * users list them with `read` and reactions, dismiss them and react with Unicode or custom
 * emoji; drafts and unknown ids are 404; bad reactions are 422.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createAnnouncement,
  deleteAnnouncement,
  publishAnnouncement,
  unpublishAnnouncement,
  updateAnnouncement,
} from '../../src/domain/announcements/manage.ts';
import { insertCustomEmoji } from '../../src/db/repositories/custom-emojis.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person } from '../relationships/helpers.ts';
import { call } from '../notifications/helpers.ts';

forEachDatabase((kind) => {
  test('announcements: publish, list, dismiss, react, unpublish, delete', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const heard: string[] = [];
    w.deps.events.on(
      'announcement.published',
      (e) => void heard.push(`published ${e.announcementId}`),
    );
    w.deps.events.on('announcement.removed', (e) => void heard.push(`removed ${e.announcementId}`));
    w.deps.events.on('announcement.reacted', (e) => void heard.push(`reacted ${e.name}`));

    const draft = await createAnnouncement(w.deps, { text: 'Not yet' });
    const start = Date.UTC(2026, 11, 24);
    const party = await createAnnouncement(w.deps, {
      text: 'Party at https://example.com/party #woolly',
      startsAt: start,
      endsAt: start + 86_400_000,
      allDay: true,
      publish: true,
    });
    w.clock.advance(1000);
    const news = await createAnnouncement(w.deps, { text: 'Hello everyone', publish: true });

    const list = await alice.api.get('/api/v1/announcements');
    assert.equal(list.status, 200);
    // Mastodon's chronological order: by start date, else by publication.
    assert.deepEqual(
      list.list.map((a) => a.id),
      [news.id, party.id],
    );
    for (const a of list.list) assertEntity(a, 'Announcement');
    const shown = list.list[1]!;
    assert.equal(shown.all_day, true);
    assert.equal(shown.starts_at, '2026-12-24T00:00:00.000Z');
    assert.equal(shown.read, false);
    assert.match(String(shown.content), /<a href="https:\/\/example.com\/party"/);

    // Drafts are not there for users.
    assert.equal((await alice.api.post(`/api/v1/announcements/${draft.id}/dismiss`)).status, 404);
    assert.equal((await alice.api.post('/api/v1/announcements/12345/dismiss')).status, 404);

    assert.equal((await alice.api.post(`/api/v1/announcements/${news.id}/dismiss`)).status, 200);
    assert.equal((await alice.api.post(`/api/v1/announcements/${news.id}/dismiss`)).status, 200);
    const read = (await alice.api.get('/api/v1/announcements')).list;
    assert.deepEqual(
      read.map((a) => a.read),
      [true, false],
    );
    assert.deepEqual(
      (await bob.api.get('/api/v1/announcements')).list.map((a) => a.read),
      [false, false],
    );

    await insertCustomEmoji(w.deps.db, {
      id: w.deps.ids.next(),
      shortcode: 'blobcat',
      domain: null,
      uri: null,
      imageUrl: 'https://woolly.test/emoji/blobcat.png',
      staticUrl: 'https://woolly.test/emoji/blobcat_static.png',
      category: null,
      visibleInPicker: true,
      disabled: false,
      createdAt: w.clock.now(),
      updatedAt: w.clock.now(),
    });
    const react = (who: typeof alice, name: string, method = 'PUT') =>
      call(
        w,
        who,
        method,
        `/api/v1/announcements/${news.id}/reactions/${encodeURIComponent(name)}`,
      );
    assert.equal((await react(alice, '🎉')).status, 200);
    assert.equal((await react(bob, '🎉')).status, 200);
    assert.equal((await react(bob, '🎉')).status, 200);
    w.clock.advance(1000);
    assert.equal((await react(bob, 'blobcat')).status, 200);
    const bad = await react(bob, 'nosuchemoji');
    assert.equal(bad.status, 422);
    assert.deepEqual(
      (bad.body as { error: string }).error,
      'Validation failed: Name is not a recognized emoji',
    );
    assert.equal((await react(bob, 'a')).status, 422);

    const reactions = (await bob.api.get('/api/v1/announcements')).list[0]!.reactions;
    assert.deepEqual(reactions, [
      { name: '🎉', count: 2, me: true },
      {
        name: 'blobcat',
        count: 1,
        me: true,
        url: 'https://woolly.test/emoji/blobcat.png',
        static_url: 'https://woolly.test/emoji/blobcat_static.png',
      },
    ]);
    assert.equal((await react(alice, '🎉', 'DELETE')).status, 200);
    assert.equal((await react(alice, '🎉', 'DELETE')).status, 200);
    const after = (await alice.api.get('/api/v1/announcements')).list[0]!.reactions as {
      name: string;
      count: number;
      me: boolean;
    }[];
    assert.deepEqual(
      after.map((r) => [r.name, r.count, r.me]),
      [
        ['🎉', 1, false],
        ['blobcat', 1, false],
      ],
    );

    // Eight different reactions at most, as Mastodon.
    for (const emoji of ['😀', '😁', '😂', '🤣', '😃', '😄']) {
      assert.equal((await react(alice, emoji)).status, 200);
    }
    assert.equal((await react(alice, '😅')).status, 422);

    await updateAnnouncement(w.deps, news.id, { text: 'Hello again' });
    await unpublishAnnouncement(w.deps, party.id);
    assert.deepEqual(
      (await alice.api.get('/api/v1/announcements')).list.map((a) => a.id),
      [news.id],
    );
    await publishAnnouncement(w.deps, draft.id);
    await deleteAnnouncement(w.deps, news.id);
    assert.deepEqual(
      (await alice.api.get('/api/v1/announcements')).list.map((a) => a.id),
      [draft.id],
    );
    assert.deepEqual(heard.slice(0, 2), [`published ${party.id}`, `published ${news.id}`]);
    assert.deepEqual(heard.slice(-4), [
      `published ${news.id}`,
      `removed ${party.id}`,
      `published ${draft.id}`,
      `removed ${news.id}`,
    ]);
  });
});

test('announcements: an app token without a user, and a bad date range, are refused', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const res = await w.request('/api/v1/announcements');
  assert.equal(res.status, 401);
  await assert.rejects(
    createAnnouncement(w.deps, { text: 'x', startsAt: 2000, endsAt: 1000 }),
    /Validation failed: Ends at must be after the start/,
  );
  await assert.rejects(createAnnouncement(w.deps, { text: ' ' }), /Text can't be blank/);
  await assert.rejects(
    createAnnouncement(w.deps, { text: 'x', startsAt: 1000 }),
    /Ends at can't be blank/,
  );
});

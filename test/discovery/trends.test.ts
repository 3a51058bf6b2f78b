/**
 * Trends: the `trends.refresh` job (run by the scheduler every five minutes) ranks tags by
 * the accounts using them per day with older days weighing less, posts of discoverable
 * authors by boosts and favourites with time decay, and links by the accounts sharing them;
 * GET /api/v1/trends/* page them with `offset`/`limit` and `Link`; admins can require
 * review, approve and reject; the link timeline shows a trending link's posts (404
 * otherwise).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { changeTrendSettings, reviewTrend } from '../../src/domain/trends/review.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { act, call, client, person, type Person } from '../notifications/helpers.ts';
import { runJobsOf, startLoopbackWoolly, startTestSite } from './helpers.ts';

const dayMs = 86_400_000;

async function discoverable(w: TestWoolly, who: Person): Promise<Person> {
  const res = await call(w, who, 'PATCH', '/api/v1/accounts/update_credentials', {
    discoverable: true,
  });
  assert.equal(res.status, 200);
  return who;
}

async function say(who: Person, text: string, extra: Record<string, unknown> = {}) {
  const res = await who.api.post('/api/v1/statuses', { status: text, ...extra });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return String(res.body.id);
}

/** Lets the scheduler enqueue the due refresh, and runs it as a worker would. */
async function refresh(w: TestWoolly): Promise<void> {
  const jobs = w.jobs as EmbeddedJobs;
  await jobs.tick();
  w.clock.advance(5 * 60 * 1000);
  await jobs.tick();
  await jobs.runDue({ queues: ['scheduler'] });
  // Done jobs leave the table; a failed one would wait there for its retry.
  const left = await w.deps.db.all("SELECT last_error FROM jobs WHERE name = 'trends.refresh'");
  assert.deepEqual(left, []);
}

forEachDatabase((kind) => {
  test('trends: tags, posts and links from recent activity; review; the link timeline', async (t) => {
    const w = await startLoopbackWoolly(t, kind);
    const site = await startTestSite(t, {
      '/story': { type: 'text/html', body: '<title>Big story</title>' },
      '/quiet': { type: 'text/html', body: '<title>Quiet story</title>' },
    });
    const [a, b, c] = [
      await discoverable(w, await person(w)),
      await discoverable(w, await person(w)),
      await discoverable(w, await person(w)),
    ];
    const hidden = await person(w); // not discoverable
    const anyone = client(w);

    // Three days ago: #cows by three accounts. Today: #sheep by two, #goats by one.
    await say(a, '#cows');
    await say(b, '#cows');
    await say(c, '#cows');
    w.clock.advance(3 * dayMs);
    await say(a, '#sheep and #goats');
    await say(b, '#Sheep');
    await say(b, 'more #sheep');
    await say(hidden, '#sheep', { visibility: 'unlisted' });

    // Posts: `popular` gets three interactions, `older` two but half a day earlier,
    // `undiscoverable` many but its author did not opt in, `reply` is a reply.
    const older = await say(a, 'older news');
    w.clock.advance(12 * 3600 * 1000);
    const popular = await say(b, 'popular news');
    const undiscoverable = await say(hidden, 'hidden news');
    const reply = await say(c, 'a reply', { in_reply_to_id: popular });
    for (const fan of [a, c]) {
      await act(fan, `/api/v1/statuses/${popular}/favourite`);
      await act(fan, `/api/v1/statuses/${undiscoverable}/favourite`);
      await act(fan, `/api/v1/statuses/${older}/favourite`);
    }
    await act(a, `/api/v1/statuses/${popular}/reblog`);
    for (const fan of [a, b]) await act(fan, `/api/v1/statuses/${reply}/favourite`);

    // Links: the story shared by two accounts, the quiet one by one.
    const storyPosts = [await say(a, `${site.origin}/story`), await say(c, `${site.origin}/story`)];
    await say(b, `${site.origin}/quiet`);
    await runJobsOf(w, ['pull']);

    // Nothing trends before the job ran.
    assert.deepEqual((await anyone.get('/api/v1/trends/tags')).list, []);
    await refresh(w);

    const tags = await anyone.get('/api/v1/trends/tags');
    assert.equal(tags.status, 200);
    assert.deepEqual(
      tags.list.map((tag) => tag.name),
      ['sheep', 'cows'],
    );
    for (const tag of tags.list) assertEntity(tag, 'Tag');
    const sheepHistory = tags.list[0]!.history as { accounts: string; uses: string }[];
    assert.equal(sheepHistory.length, 7);
    // Used the day before (half a day ago, across midnight); unlisted posts do not count.
    assert.deepEqual(sheepHistory[1], {
      day: String((Math.floor(w.clock.now() / dayMs) - 1) * 86400),
      accounts: '2',
      uses: '3',
    });
    assert.deepEqual(
      (await anyone.get('/api/v1/trends')).list.map((tag) => tag.name),
      ['sheep', 'cows'],
    );

    // Offset pagination and its Link header.
    const first = await anyone.get('/api/v1/trends/tags?limit=1');
    assert.deepEqual(
      first.list.map((tag) => tag.name),
      ['sheep'],
    );
    assert.equal(
      first.link,
      '<https://woolly.test/api/v1/trends/tags?limit=1&offset=1>; rel="next"',
    );
    const third = await anyone.get('/api/v1/trends/tags?limit=1&offset=2');
    assert.deepEqual(third.list, []);
    assert.equal(
      third.link,
      '<https://woolly.test/api/v1/trends/tags?limit=1&offset=1>; rel="prev"',
    );

    const statuses = await anyone.get('/api/v1/trends/statuses');
    assert.deepEqual(
      statuses.list.map((s) => s.id),
      [popular, older],
    );
    // Whom the reader muted does not trend for them.
    await act(c, `/api/v1/accounts/${b.account.id}/mute`);
    assert.deepEqual(
      (await c.api.get('/api/v1/trends/statuses')).list.map((s) => s.id),
      [older],
    );

    const links = await anyone.get('/api/v1/trends/links');
    assert.equal(links.list.length, 1);
    assertEntity(links.list[0], 'TrendsLink');
    assert.equal(links.list[0]!.url, `${site.origin}/story`);
    assert.equal(links.list[0]!.title, 'Big story');
    assert.deepEqual((links.list[0]!.history as unknown[])[0], {
      day: String(Math.floor(w.clock.now() / dayMs) * 86400),
      accounts: '2',
      uses: '2',
    });

    const timeline = await anyone.get(
      `/api/v1/timelines/link?url=${encodeURIComponent(`${site.origin}/story`)}`,
    );
    assert.equal(timeline.status, 200);
    assert.deepEqual(
      timeline.list.map((s) => s.id),
      [...storyPosts].reverse(),
    );
    const quiet = `/api/v1/timelines/link?url=${encodeURIComponent(`${site.origin}/quiet`)}`;
    assert.equal((await anyone.get(quiet)).status, 404);
    assert.equal(
      (await anyone.get('/api/v1/timelines/link?url=https://nowhere.example/')).status,
      404,
    );
    assert.equal((await anyone.get('/api/v1/timelines/link')).status, 400);

    // Review: a rejected tag is gone; with review required, only approved ones show.
    const cows = String(tags.list[1]!.id);
    await reviewTrend(w.deps, 'tag', String(tags.list[0]!.id), false);
    assert.deepEqual(
      (await anyone.get('/api/v1/trends/tags')).list.map((tag) => tag.name),
      ['cows'],
    );
    await changeTrendSettings(w.deps, { requireReview: true });
    assert.deepEqual((await anyone.get('/api/v1/trends/tags')).list, []);
    assert.deepEqual((await anyone.get('/api/v1/trends/links')).list, []);
    await reviewTrend(w.deps, 'tag', cows, true);
    assert.deepEqual(
      (await anyone.get('/api/v1/trends/tags')).list.map((tag) => tag.name),
      ['cows'],
    );
    await changeTrendSettings(w.deps, { enabled: false });
    assert.deepEqual((await anyone.get('/api/v1/trends/tags')).list, []);

    // A week later everything has aged out.
    await changeTrendSettings(w.deps, { enabled: true, requireReview: false });
    w.clock.advance(8 * dayMs);
    await refresh(w);
    assert.deepEqual((await anyone.get('/api/v1/trends/statuses')).list, []);
    assert.deepEqual((await anyone.get('/api/v1/trends/links')).list, []);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScheduledStatusJson } from '../../src/api/mastodon/serializers/scheduled-status.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { publishDueScheduledStatuses } from '../../src/domain/statuses/scheduled/publish-scheduled.ts';
import { registerStatusJobs } from '../../src/jobs/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { countRows, get, post, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const at = (w: TestWoolly, minutes: number) =>
  new Date(w.clock.now() + minutes * 60_000).toISOString();

forEachDatabase((kind) => {
  test('a scheduled post waits, then its job publishes it on time, once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    registerStatusJobs(w.deps, jobs);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const parent = await posted(w, bob.token, { status: 'parent' });
    const when = at(w, 60);
    const res = await post<ScheduledStatusJson>(w, alice.token, {
      status: 'later @bob',
      scheduled_at: when,
      in_reply_to_id: parent.id,
      visibility: 'unlisted',
      poll: { options: ['a', 'b'], expires_in: 600 },
    });
    assert.equal(res.status, 200);
    assertEntity(res.body, 'ScheduledStatus');
    assert.equal(res.body.scheduled_at, when);
    assert.deepEqual(res.body.params, {
      text: 'later @bob',
      poll: { options: ['a', 'b'], expires_in: 600, multiple: false, hide_totals: false },
      media_ids: null,
      sensitive: null,
      spoiler_text: null,
      visibility: 'unlisted',
      language: null,
      in_reply_to_id: parent.id,
      quoted_status_id: null,
      quote_approval_policy: null,
      content_type: null,
      local_only: null,
      allowed_mentions: null,
      application_id: alice.application.id,
      scheduled_at: null,
      idempotency: null,
      with_rate_limit: false,
    });
    assert.equal(await countRows(w, 'statuses'), 1, 'nothing is posted yet');

    const created: string[] = [];
    w.deps.events.on('status.created', (e) => void created.push(e.statusId));
    w.clock.advance(59 * 60_000);
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 0);
    w.clock.advance(60_000);
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 1);
    assert.equal(created.length, 1);
    const published = await get<StatusJson>(w, `/api/v1/statuses/${created[0]}`, alice.token);
    assert.equal(
      published.body.content,
      '<p>later <span class="h-card" translate="no"><a href="https://woolly.test/@bob" class="u-url mention">@<span>bob</span></a></span></p>',
    );
    assert.equal(published.body.in_reply_to_id, parent.id);
    assert.equal(published.body.visibility, 'unlisted');
    assert.equal(published.body.created_at, new Date(w.clock.now()).toISOString());
    assert.deepEqual(published.body.application, { name: 'Test app', website: null });
    assert.equal(published.body.poll?.expires_at, new Date(w.clock.now() + 600_000).toISOString());
    assert.equal(await countRows(w, 'scheduled_statuses'), 0);
    assert.equal(await publishDueScheduledStatuses(w.deps), 0, 'never published twice');
    assert.equal(created.length, 1);
  });

  test('listing, showing, moving and cancelling scheduled posts; someone else’s is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    registerStatusJobs(w.deps, jobs);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const ids: string[] = [];
    for (const minutes of [30, 60, 90]) {
      const res = await post<ScheduledStatusJson>(w, alice.token, {
        status: `in ${minutes}`,
        scheduled_at: at(w, minutes),
      });
      ids.push(res.body.id);
    }
    const list = await w.request('/api/v1/scheduled_statuses?limit=2', { token: alice.token });
    const page = (await list.json()) as ScheduledStatusJson[];
    assert.deepEqual(
      page.map((s) => s.id),
      [ids[2], ids[1]],
    );
    assert.match(list.headers.get('link') ?? '', new RegExp(`max_id=${ids[1]}>; rel="next"`));
    const mine = await get<ScheduledStatusJson>(
      w,
      `/api/v1/scheduled_statuses/${ids[0]}`,
      alice.token,
    );
    assertEntity(mine.body, 'ScheduledStatus');
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await w.request(`/api/v1/scheduled_statuses/${ids[0]}`, {
        method,
        token: bob.token,
        json: method === 'GET' ? undefined : {},
      });
      assert.equal(res.status, 404, method);
      assert.deepEqual(await res.json(), { error: 'Record not found' });
    }

    // Moved sooner than it was: the job for the new time publishes it then.
    const moved = await send<ScheduledStatusJson>(
      w,
      'PUT',
      `/api/v1/scheduled_statuses/${ids[2]}`,
      alice.token,
      {
        scheduled_at: at(w, 10),
      },
    );
    assert.equal(moved.body.scheduled_at, at(w, 10));
    assert.deepEqual(
      await send(w, 'PUT', `/api/v1/scheduled_statuses/${ids[1]}`, alice.token, {
        scheduled_at: at(w, 2),
      }),
      {
        status: 422,
        body: { error: 'Validation failed: Scheduled at date must be in the future' },
      },
    );
    assert.deepEqual(await send(w, 'DELETE', `/api/v1/scheduled_statuses/${ids[0]}`, alice.token), {
      status: 200,
      body: {},
    });
    w.clock.advance(10 * 60_000);
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 1);
    const posts = await w.deps.db.all<{ text: string }>('SELECT text FROM statuses');
    assert.deepEqual(
      posts.map((p) => p.text),
      ['in 90'],
    );
    // The cancelled one's job comes and finds nothing; the moved one's old job too.
    w.clock.advance(90 * 60_000);
    await jobs.runDue({ queues: ['scheduler'] });
    const after = await w.deps.db.all<{ text: string }>('SELECT text FROM statuses ORDER BY id');
    assert.deepEqual(
      after.map((p) => p.text),
      ['in 90', 'in 60'],
    );
  });

  test('at most 25 posts may be scheduled on one day', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const day = Date.UTC(2026, 10, 3, 0, 0);
    for (let i = 0; i < 25; i++) {
      const res = await post(w, alice.token, {
        status: `${i}`,
        scheduled_at: new Date(day + i * 60_000).toISOString(),
      });
      assert.equal(res.status, 200);
    }
    assert.deepEqual(
      await post(w, alice.token, {
        status: 'one more',
        scheduled_at: new Date(day + 3_600_000).toISOString(),
      }),
      {
        status: 422,
        body: {
          error: 'Validation failed: You have exceeded the limit of 25 scheduled posts for today',
        },
      },
    );
    const nextDay = await post(w, alice.token, {
      status: 'tomorrow',
      scheduled_at: new Date(day + 86_400_000).toISOString(),
    });
    assert.equal(nextDay.status, 200);
  });

  test('a scheduled post that can no longer be made is dropped', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const parent = await posted(w, alice.token, { status: 'parent' });
    const res = await post<ScheduledStatusJson>(w, alice.token, {
      status: 'reply, later',
      in_reply_to_id: parent.id,
      scheduled_at: '2026-11-01T13:00:00',
    });
    assert.equal(res.body.scheduled_at, '2026-11-01T13:00:00.000Z', 'a time with no zone is UTC');
    await send(w, 'DELETE', `/api/v1/statuses/${parent.id}`, alice.token);
    w.clock.advance(3_600_000);
    assert.equal(await publishDueScheduledStatuses(w.deps), 0);
    assert.equal(await countRows(w, 'scheduled_statuses'), 0);
  });
});

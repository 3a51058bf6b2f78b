/**
 * Attachments on posts, on both databases: Mastodon's rules (four at most, one's own and
 * unattached, processed, no video beside images) with its 422 texts; the attachments in the
 * Status JSON, kept and removed by edits, and carried by a scheduled post to its publication.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScheduledStatusJson } from '../../src/api/mastodon/serializers/scheduled-status.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { registerStatusJobs } from '../../src/jobs/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { get, post, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { hasFfmpeg, jpeg, png, video } from './samples.ts';
import { getMedia, upload } from './upload.ts';

forEachDatabase((kind) => {
  test('a post shows its attachments, which can no longer be changed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const first = await upload(w, token, await jpeg(640, 480), {
      fields: { description: 'First' },
    });
    const second = await upload(w, token, await png(120, 80));
    const res = await post(w, token, { status: '', media_ids: [first.body.id, second.body.id] });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.media_attachments, [first.body, second.body]);
    assertEntity(res.body, 'Status');
    const read = await get<StatusJson>(w, `/api/v1/statuses/${res.body.id}`);
    assert.deepEqual(read.body.media_attachments, [first.body, second.body]);
    assert.equal((await getMedia(w, token, first.body.id)).status, 404);
    const plain = await post(w, token, { status: 'no media' });
    assert.equal(plain.status, 200);
    const accountId = res.body.account.id;
    const onlyMedia = await get<StatusJson[]>(
      w,
      `/api/v1/accounts/${accountId}/statuses?only_media=true`,
    );
    assert.deepEqual(
      onlyMedia.body.map((s) => s.id),
      [res.body.id],
    );
    const again = await post(w, token, { status: 'again', media_ids: [first.body.id] });
    assert.equal(again.status, 422);
    assert.equal(
      (again.body as unknown as { error: string }).error,
      `Media ${first.body.id} not found or already attached to another post`,
    );
  });

  test('Mastodon’s refusals of media ids', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const bob = await makeUserWithToken(w.deps);
    const error = (res: { body: unknown }) => (res.body as { error: string }).error;
    const bobs = await upload(w, bob.token, await png());
    const notMine = await post(w, alice.token, { status: 'x', media_ids: [bobs.body.id] });
    assert.equal(notMine.status, 422);
    assert.equal(
      error(notMine),
      `Media ${bobs.body.id} not found or already attached to another post`,
    );
    const five = await post(w, alice.token, { status: 'x', media_ids: ['1', '2', '3', '4', '5'] });
    assert.equal(error(five), 'Cannot attach more than 4 files');
    const pending = await upload(w, alice.token, await png(), { version: 2 });
    const early = await post(w, alice.token, { status: 'x', media_ids: [pending.body.id] });
    assert.equal(
      error(early),
      'Cannot attach files that have not finished processing. Try again in a moment!',
    );
    if (hasFfmpeg) {
      const clip = await upload(w, alice.token, video());
      const image = await upload(w, alice.token, await jpeg(64, 64));
      const mixed = await post(w, alice.token, {
        status: 'x',
        media_ids: [image.body.id, clip.body.id],
      });
      assert.equal(error(mixed), 'Cannot attach a video to a post that already contains images');
    }
  });

  test('edits change the attachments; leaving media_ids out keeps them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const a = await upload(w, token, await jpeg(64, 64));
    const b = await upload(w, token, await png(32, 32));
    const created = await post(w, token, { status: 'hi', media_ids: [a.body.id] });
    const path = `/api/v1/statuses/${created.body.id}`;
    const kept = await send<StatusJson>(w, 'PUT', path, token, { status: 'edited' });
    assert.deepEqual(
      kept.body.media_attachments.map((m) => m.id),
      [a.body.id],
    );
    const swapped = await send<StatusJson>(w, 'PUT', path, token, {
      status: 'edited',
      media_ids: [b.body.id],
    });
    assert.equal(swapped.status, 200);
    assert.deepEqual(
      swapped.body.media_attachments.map((m) => m.id),
      [b.body.id],
    );
    const history = await get<{ media_attachments: { id: string }[] }[]>(
      w,
      `${path}/history`,
      token,
    );
    assert.deepEqual(
      history.body.map((v) => v.media_attachments.map((m) => m.id)),
      [[a.body.id], [a.body.id], [b.body.id]],
    );
    // The removed one is unattached again, so its owner can use it elsewhere.
    assert.equal((await getMedia(w, token, a.body.id)).status, 200);
  });

  test('a scheduled post carries its attachments to its publication', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    registerStatusJobs(w.deps, jobs);
    const { token } = await makeUserWithToken(w.deps);
    const image = await upload(w, token, await jpeg(64, 64));
    const when = new Date(w.clock.now() + 60 * 60_000).toISOString();
    const res = await post<ScheduledStatusJson>(w, token, {
      status: 'later',
      media_ids: [image.body.id],
      scheduled_at: when,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.media_attachments, [image.body]);
    assertEntity(res.body, 'ScheduledStatus');
    const listed = await get<ScheduledStatusJson[]>(w, '/api/v1/scheduled_statuses', token);
    assert.deepEqual(listed.body[0]!.media_attachments, [image.body]);

    const created: string[] = [];
    w.deps.events.on('status.created', (e) => void created.push(e.statusId));
    w.clock.advance(61 * 60_000);
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 1);
    const published = await get<StatusJson>(w, `/api/v1/statuses/${created[0]}`, token);
    assert.deepEqual(published.body.media_attachments, [image.body]);
  });
});

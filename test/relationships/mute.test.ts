import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerMuteExpiry } from '../../src/jobs/mute-expiry.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person } from './helpers.ts';

forEachDatabase((kind) => {
  test('muting hides notifications too unless told otherwise', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Relationship');
    assert.equal(res.body.muting, true);
    assert.equal(res.body.muting_notifications, true);
    assert.equal(res.body.muting_expires_at, null);

    const changed = await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`, {
      notifications: false,
    });
    assert.equal(changed.body.muting, true);
    assert.equal(changed.body.muting_notifications, false);

    const gone = await alice.api.post(`/api/v1/accounts/${bob.account.id}/unmute`);
    assert.equal(gone.body.muting, false);
    assert.equal(gone.body.muting_notifications, false);
    assert.equal((await alice.api.post(`/api/v1/accounts/${bob.account.id}/unmute`)).status, 200);
  });

  test('a mute with a duration ends by itself', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const start = w.clock.now();
    const res = await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`, {
      duration: 3600,
    });
    assert.equal(res.body.muting, true);
    assert.equal(
      res.body.muting_expires_at,
      new Date(start + 3_600_000).toISOString().replace('.000', ''),
    );
    const listed = await alice.api.get('/api/v1/mutes');
    assert.deepEqual(
      listed.list.map((a) => [a.id, a.mute_expires_at]),
      [[bob.account.id, new Date(start + 3_600_000).toISOString()]],
    );

    w.clock.advance(3_599_000);
    const still = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(still.list[0]!.muting, true);

    w.clock.advance(1000);
    const after = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(after.list[0]!.muting, false);
    assert.equal(after.list[0]!.muting_expires_at, null);
    assert.deepEqual((await alice.api.get('/api/v1/mutes')).list, []);

    // The job due at the end deletes the row.
    const mutes = () =>
      w.deps.db.all('SELECT * FROM mutes WHERE account_id = ?', [alice.account.id]);
    assert.equal((await mutes()).length, 1);
    const jobs = jobsFor(w);
    registerMuteExpiry(w.deps, jobs);
    await jobs.runDue({ queues: ['default'] });
    assert.equal((await mutes()).length, 0);
  });

  test('muting again before the end restarts the duration and outlives the old job', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`, { duration: 60 });
    w.clock.advance(30_000);
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`, { duration: 0 });
    w.clock.advance(60_000);
    const jobs = jobsFor(w);
    registerMuteExpiry(w.deps, jobs);
    await jobs.runDue({ queues: ['default'] });
    const rel = await alice.api.get(`/api/v1/accounts/relationships?id[]=${bob.account.id}`);
    assert.equal(rel.list[0]!.muting, true);
    assert.equal(rel.list[0]!.muting_expires_at, null);
  });

  test('a duration Mastodon cannot read as a number mutes for ever, as Mastodon does', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    const words = await alice.api.post(`/api/v1/accounts/${bob.account.id}/mute`, {
      duration: 'soon',
    });
    assert.equal(words.status, 200);
    assert.equal(words.body.muting, true);
    assert.equal(words.body.muting_expires_at, null);
    // `to_i` reads the leading digits: "90 minutes" is 90 seconds.
    const leading = await alice.api.post(`/api/v1/accounts/${carol.account.id}/mute`, {
      duration: '90 minutes',
    });
    assert.equal(
      leading.body.muting_expires_at,
      new Date(w.clock.now() + 90_000).toISOString().replace('.000', ''),
    );
  });

  test('muting oneself changes nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const res = await alice.api.post(`/api/v1/accounts/${alice.account.id}/mute`);
    assert.equal(res.status, 200);
    assert.equal(res.body.muting, false);
  });

  test('GET /api/v1/mutes pages by mute id and shows MutedAccount', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const muted = [await person(w), await person(w), await person(w)];
    for (const m of muted) {
      w.clock.advance(1000);
      await alice.api.post(`/api/v1/accounts/${m.account.id}/mute`);
    }
    const muteIds = (
      await w.deps.db.all<{ id: string | number }>(
        'SELECT id FROM mutes WHERE account_id = ? ORDER BY id DESC',
        [alice.account.id],
      )
    ).map((r) => String(r.id));
    const page = await alice.api.get('/api/v1/mutes?limit=2');
    assert.deepEqual(
      page.list.map((a) => a.id),
      [muted[2]!.account.id, muted[1]!.account.id],
    );
    for (const account of page.list) assertEntity(account, 'MutedAccount');
    assert.equal(page.list[0]!.mute_expires_at, null);
    assert.equal(page.list[0]!.acct, muted[2]!.account.username);
    assert.equal(
      page.link,
      `<https://woolly.test/api/v1/mutes?limit=2&max_id=${muteIds[1]}>; rel="next", ` +
        `<https://woolly.test/api/v1/mutes?limit=2&since_id=${muteIds[0]}>; rel=\"prev\"`,
    );
    const rest = await alice.api.get(`/api/v1/mutes?limit=2&max_id=${muteIds[1]}`);
    assert.deepEqual(
      rest.list.map((a) => a.id),
      [muted[0]!.account.id],
    );
    const wrong = await person(w, { scopes: ['read:blocks'] });
    assert.equal((await wrong.api.get('/api/v1/mutes')).status, 403);
  });
});

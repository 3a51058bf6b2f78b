import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScheduledStatusJson } from '../../src/api/mastodon/serializers/scheduled-status.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { forgetStaleIdempotencyKeys } from '../../src/domain/statuses/idempotency.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, post, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('the same Idempotency-Key within an hour answers with the same post', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const bob = await makeUserWithToken(w.deps);
    const key = { 'Idempotency-Key': 'retry-1' };
    const first = await post(w, alice.token, { status: 'once' }, key);
    w.clock.advance(59 * 60_000);
    // Even a retry with a different body: the key decides.
    const again = await post(w, alice.token, { status: 'once, again' }, key);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    assert.equal(await countRows(w, 'statuses'), 1);
    // Keys are per account.
    const other = await post(w, bob.token, { status: 'mine' }, key);
    assert.notEqual(other.body.id, first.body.id);
    // After an hour the key is free again.
    w.clock.advance(60_001);
    const later = await post(w, alice.token, { status: 'once more' }, key);
    assert.notEqual(later.body.id, first.body.id);
    assert.equal(await countRows(w, 'statuses'), 3);
    // A refused post does not take the key.
    const refused = await post(w, alice.token, { status: '' }, { 'Idempotency-Key': 'k2' });
    assert.equal(refused.status, 422);
    const ok = await post(w, alice.token, { status: 'fixed' }, { 'Idempotency-Key': 'k2' });
    assert.equal(ok.status, 200);
    // The hourly job forgets the keys of accounts that do not post again.
    await post(w, bob.token, { status: 'keyed' }, { 'Idempotency-Key': 'bob' });
    w.clock.advance(3_600_001);
    assert.equal(await forgetStaleIdempotencyKeys(w.deps), 4);
    assert.equal(await countRows(w, 'idempotency_keys'), 0);
  });

  test('concurrent retries with one key make one post', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const key = { 'Idempotency-Key': 'race' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => post(w, alice.token, { status: 'racing' }, key)),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200, 200, 200],
    );
    assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
    assert.equal(await countRows(w, 'statuses'), 1);
  });

  test('a key that scheduled a post answers with the scheduled post; a deleted post is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const key = { 'Idempotency-Key': 'later' };
    const body = {
      status: 'later',
      scheduled_at: new Date(w.clock.now() + 3_600_000).toISOString(),
    };
    const first = await post<ScheduledStatusJson>(w, alice.token, body, key);
    const again = await post<ScheduledStatusJson>(w, alice.token, body, key);
    assert.deepEqual(again.body, first.body);
    assert.equal(await countRows(w, 'scheduled_statuses'), 1);

    const gone = await post<StatusJson>(
      w,
      alice.token,
      { status: 'x' },
      { 'Idempotency-Key': 'gone' },
    );
    await send(w, 'DELETE', `/api/v1/statuses/${gone.body.id}`, alice.token);
    assert.deepEqual(await post(w, alice.token, { status: 'x' }, { 'Idempotency-Key': 'gone' }), {
      status: 404,
      body: { error: 'Record not found' },
    });
  });
});

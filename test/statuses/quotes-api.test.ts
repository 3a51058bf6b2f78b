/**
 * Mastodon 4.5's quotes API: listing a post's quotes, revoking one, and changing who may
 * quote a post afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, post, posted, relate, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('quotes of a post are listed, revoked by its author, and its policy changed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    const original = await posted(w, alice.token, { status: 'quote me' });
    const first = await posted(w, bob.token, { status: 'one', quoted_status_id: original.id });
    const second = await posted(w, carol.token, { status: 'two', quoted_status_id: original.id });
    const hidden = await posted(w, carol.token, {
      status: 'for followers',
      quoted_status_id: original.id,
      visibility: 'private',
    });

    // Newest first, only what the reader may see (carol's followers-only quote is hers).
    const listed = await get<StatusJson[]>(w, `/api/v1/statuses/${original.id}/quotes`, bob.token);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.map((s) => s.id),
      [second.id, first.id],
    );
    for (const s of listed.body) assertEntity(s, 'Status');
    const own = await get<StatusJson[]>(w, `/api/v1/statuses/${original.id}/quotes`, carol.token);
    assert.deepEqual(
      own.body.map((s) => s.id),
      [hidden.id, second.id, first.id],
    );
    const paged = await w.request(`/api/v1/statuses/${original.id}/quotes?limit=2`, {
      token: alice.token,
    });
    assert.deepEqual(
      ((await paged.json()) as StatusJson[]).map((s) => s.id),
      [second.id],
    );
    // The page spans the quote alice may not see: the next one starts after both.
    assert.match(paged.headers.get('link') ?? '', new RegExp(`max_id=${second.id}>; rel="next"`));
    assert.equal((await w.request(`/api/v1/statuses/${original.id}/quotes`)).status, 401);

    // Only the quoted post's author revokes; the quote then shows nothing and is not counted.
    const revokePath = `/api/v1/statuses/${original.id}/quotes/${first.id}/revoke`;
    const refused = await send<{ error: string }>(w, 'POST', revokePath, bob.token);
    assert.deepEqual(
      [refused.status, refused.body],
      [403, { error: 'This action is not allowed' }],
    );
    const revoked = await send<StatusJson>(w, 'POST', revokePath, alice.token);
    assert.equal(revoked.status, 200);
    assert.equal(revoked.body.id, first.id);
    assert.deepEqual(revoked.body.quote, { state: 'revoked', quoted_status: null });
    assert.deepEqual((await get<StatusJson>(w, `/api/v1/statuses/${first.id}`)).body.quote, {
      state: 'revoked',
      quoted_status: null,
    });
    assert.equal(
      (await get<StatusJson>(w, `/api/v1/statuses/${original.id}`)).body.quotes_count,
      2,
    );
    const none = await send<{ error: string }>(
      w,
      'POST',
      `/api/v1/statuses/${original.id}/quotes/${original.id}/revoke`,
      alice.token,
    );
    assert.deepEqual(
      [none.status, none.body.error],
      [404, 'Status does not exist or is private, or no such quote exists.'],
    );

    // The author closes the post to quotes: new quotes are refused, the policy shows it.
    const policyPath = `/api/v1/statuses/${original.id}/interaction_policy`;
    const closed = await send<StatusJson>(w, 'PUT', policyPath, alice.token, {
      quote_approval_policy: 'nobody',
    });
    assert.equal(closed.status, 200);
    assertEntity(closed.body, 'Status');
    assert.deepEqual(closed.body.quote_approval, {
      automatic: [],
      manual: [],
      current_user: 'automatic',
    });
    const asBob = await get<StatusJson>(w, `/api/v1/statuses/${original.id}`, bob.token);
    assert.equal(asBob.body.quote_approval.current_user, 'denied');
    assert.equal(
      (await post(w, bob.token, { status: 'again', quoted_status_id: original.id })).status,
      404,
    );
    const bad = await send<{ error: string }>(w, 'PUT', policyPath, alice.token, {
      quote_approval_policy: 'friends',
    });
    assert.deepEqual(
      [bad.status, bad.body.error],
      [422, 'Validation failed: Quote approval policy is not included in the list'],
    );
    const notHers = await send(w, 'PUT', policyPath, bob.token, {
      quote_approval_policy: 'public',
    });
    assert.equal(notHers.status, 404);
    await relate(w, bob.token, alice.account.id, 'follow');
    await send(w, 'PUT', policyPath, alice.token, { quote_approval_policy: 'followers' });
    assert.equal(
      (await post(w, bob.token, { status: 'as follower', quoted_status_id: original.id })).status,
      200,
    );
  });
});

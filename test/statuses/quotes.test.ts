import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuoteJson, StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, post, posted, relate, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const notFound = {
  status: 404,
  body: { error: 'The post you are trying to quote does not appear to exist.' },
};

forEachDatabase((kind) => {
  test('quoting a post: the quote shows it, counts it, and follows what the viewer may see', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const original = await posted(w, bob.token, { status: 'quote me' });
    assert.deepEqual(original.quote_approval, {
      automatic: ['public'],
      manual: [],
      current_user: 'automatic',
    });
    const quote = await posted(w, alice.token, { status: '', quoted_status_id: original.id });
    assertEntity(quote, 'Status');
    const q = quote.quote as QuoteJson;
    assert.equal(q.state, 'accepted');
    assert.equal(q.quoted_status?.id, original.id);
    const reread = await get<StatusJson>(w, `/api/v1/statuses/${original.id}`);
    assert.equal(reread.body.quotes_count, 1);
    // A quote of a quote shows the inner quote by id only.
    const outer = await posted(w, bob.token, { status: 'meta', quoted_status_id: quote.id });
    const inner = (outer.quote as QuoteJson).quoted_status!;
    assert.deepEqual(inner.quote, { state: 'accepted', quoted_status_id: original.id });

    const viewer = await makeUserWithToken(w.deps, { account: { username: 'viewer' } });
    await relate(w, viewer.token, bob.account.id, 'block');
    const blocked = await get<StatusJson>(w, `/api/v1/statuses/${quote.id}`, viewer.token);
    assert.deepEqual(blocked.body.quote, { state: 'blocked_account', quoted_status: null });
    await send(w, 'DELETE', `/api/v1/statuses/${original.id}`, bob.token);
    const deleted = await get<StatusJson>(w, `/api/v1/statuses/${quote.id}`);
    assert.deepEqual(deleted.body.quote, { state: 'deleted', quoted_status: null });
  });

  test('who may quote: the policy, followers-only posts, and a quote of one’s own private post', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const nobody = await posted(w, bob.token, { status: 'mine', quote_approval_policy: 'nobody' });
    assert.deepEqual(nobody.quote_approval.automatic, []);
    assert.deepEqual(
      await post(w, alice.token, { status: 'x', quoted_status_id: nobody.id }),
      notFound,
    );
    const followers = await posted(w, bob.token, {
      status: 'followers may',
      quote_approval_policy: 'followers',
    });
    assert.deepEqual(
      await post(w, alice.token, { status: 'x', quoted_status_id: followers.id }),
      notFound,
    );
    await relate(w, alice.token, bob.account.id, 'follow');
    assert.equal(
      (await post(w, alice.token, { status: 'x', quoted_status_id: followers.id })).status,
      200,
    );
    const closed = await posted(w, bob.token, { status: 'followers only', visibility: 'private' });
    assert.deepEqual(
      await post(w, alice.token, { status: 'x', quoted_status_id: closed.id }),
      notFound,
    );
    const own = await posted(w, alice.token, { status: 'my private', visibility: 'private' });
    const self = await posted(w, alice.token, { status: 'me again', quoted_status_id: own.id });
    assert.equal(self.visibility, 'private', 'a quote of a private post is private');
    assert.deepEqual(
      await post(w, alice.token, { status: 'x', quote_approval_policy: 'friends' }),
      {
        status: 422,
        body: { error: 'Validation failed: Quote approval policy is not included in the list' },
      },
    );
  });
});

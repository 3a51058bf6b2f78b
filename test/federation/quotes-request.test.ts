/**
 * QuoteRequest (FEP-044f) for a local post: the post's quote policy answers Accept with
 * Woolly's stamp, or Reject, and the quoting post shows the quote accordingly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuoteJson, StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { getActivityJson, startWithFakeRemote } from './helpers.ts';

const remoteHost = 'https://masto.qa.urbanwildlife.biz';

async function answers(w: TestWoolly): Promise<Record<string, unknown>[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  return rows.map((r) => {
    const payload = JSON.parse(r.payload) as { activity: Record<string, unknown> };
    return payload.activity;
  });
}

forEachDatabase((kind) => {
  test('a QuoteRequest is accepted with a stamp when the policy allows, rejected otherwise', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const open = await posted(w, alice.token, { status: 'quote me' });
    const request = (quoted: string, n: string) => {
      const json = fixture('quote-request.json', {
        'https://remote.example/users/mastodon': remoteActor,
        'https://remote.example': remoteHost,
        QUOTED_URI: quoted,
        '115000000000000777': n,
      });
      return json;
    };
    assert.equal(
      (await remote.deliver(w, '/users/alice/inbox', request(open.uri, '1'))).status,
      202,
    );
    await process();
    const quoting = `${remoteHost}/users/mastodon/statuses/1`;
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [quoting],
    );
    const stored = await get<StatusJson>(w, `/api/v1/statuses/${row!.id}`, alice.token);
    assert.equal((stored.body.quote as QuoteJson).state, 'accepted');
    assert.equal((stored.body.quote as QuoteJson).quoted_status?.id, open.id);
    assert.equal((await get<StatusJson>(w, `/api/v1/statuses/${open.id}`)).body.quotes_count, 1);
    const [accept] = await answers(w);
    assert.equal(accept!.type, 'Accept');
    assert.equal(accept!.actor, 'https://woolly.test/users/alice');
    assert.equal(accept!.object, `${remoteHost}/users/mastodon/quote_requests/1`);
    assert.equal(accept!.result, `https://woolly.test/users/alice/quote_authorizations/${row!.id}`);

    // Alice revokes it: the quoter's server is told the stamp is gone.
    const revoked = await w.request(`/api/v1/statuses/${open.id}/quotes/${row!.id}/revoke`, {
      method: 'POST',
      token: alice.token,
    });
    assert.equal(revoked.status, 200);
    const deletion = (await answers(w)).find((a) => a.type === 'Delete')!;
    assert.equal(deletion.object, accept!.result);
    assert.equal(deletion.actor, 'https://woolly.test/users/alice');
    assert.equal((await get<StatusJson>(w, `/api/v1/statuses/${open.id}`)).body.quotes_count, 0);

    const closed = await posted(w, alice.token, {
      status: 'mine alone',
      quote_approval_policy: 'nobody',
    });
    await remote.deliver(w, '/users/alice/inbox', request(closed.uri, '2'));
    await process();
    const reject = (await answers(w)).find((a) => a.type === 'Reject')!;
    assert.equal(reject.type, 'Reject');
    assert.equal(reject.object, `${remoteHost}/users/mastodon/quote_requests/2`);
    assert.equal(reject.result, undefined);
    const refused = await w.deps.db.get<{ quote_state: string }>(
      'SELECT quote_state FROM statuses WHERE uri = ?',
      [`${remoteHost}/users/mastodon/statuses/2`],
    );
    assert.equal(refused?.quote_state, 'rejected');
    assert.equal((await get<StatusJson>(w, `/api/v1/statuses/${closed.id}`)).body.quotes_count, 0);
  });
});

test('a local quote of a remote post asks for a stamp, and names it once accepted', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const remoteNote = (n: string) => ({
    id: `${remoteHost}/users/mastodon/statuses/${n}`,
    type: 'Note',
    attributedTo: remoteActor,
    content: `<p>quotable ${n}</p>`,
    published: '2026-11-01T10:00:00Z',
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [`${remoteActor}/followers`],
    interactionPolicy: {
      canQuote: { automaticApproval: ['https://www.w3.org/ns/activitystreams#Public'] },
    },
  });
  const context = [
    'https://www.w3.org/ns/activitystreams',
    {
      gts: 'https://gotosocial.org/ns#',
      interactionPolicy: { '@id': 'gts:interactionPolicy', '@type': '@id' },
      canQuote: { '@id': 'gts:canQuote', '@type': '@id' },
      automaticApproval: { '@id': 'gts:automaticApproval', '@type': '@id' },
    },
  ];
  // The remote account follows alice, so her posts' updates reach its server.
  await remote.deliver(
    w,
    '/users/alice/inbox',
    fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
      'http://mastodon.example.org': remoteHost,
    }),
  );
  for (const n of ['10', '11']) {
    await remote.deliver(w, '/inbox', {
      '@context': context,
      id: `${remoteHost}/users/mastodon/statuses/${n}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: remoteNote(n),
    });
  }
  await process();
  const idOf = async (uri: string) =>
    String(
      (await w.deps.db.get<{ id: string | number }>('SELECT id FROM statuses WHERE uri = ?', [
        uri,
      ]))!.id,
    );
  const quotedUri = `${remoteHost}/users/mastodon/statuses/10`;
  const quote = await posted(w, alice.token, {
    status: 'agreed',
    quoted_status_id: await idOf(quotedUri),
  });
  // It waits for the quoted author's server, as on Mastodon.
  assert.deepEqual(quote.quote, { state: 'pending', quoted_status: null });
  await process();
  const request = (await answers(w)).find((a) => a.type === 'QuoteRequest')!;
  assert.equal(request.id, `${quote.uri}#quote_request`);
  assert.equal(request.object, quotedUri);
  assert.equal((request.instrument as { id: string }).id, quote.uri);

  const stamp = `${remoteHost}/users/mastodon/quote_authorizations/1`;
  await remote.deliver(w, '/users/alice/inbox', {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${remoteHost}/users/mastodon#quote_answers/1`,
    type: 'Accept',
    actor: remoteActor,
    object: request.id,
    result: stamp,
  });
  await process();
  const note = (await getActivityJson(w, `/users/alice/statuses/${quote.id}`)).body;
  assert.equal(note.quote, quotedUri);
  assert.equal(note.quoteAuthorization, stamp);
  const approved = await get<StatusJson>(w, `/api/v1/statuses/${quote.id}`, alice.token);
  assert.equal((approved.body.quote as QuoteJson).quoted_status?.uri, quotedUri);
  assert.equal(
    (await get<StatusJson>(w, `/api/v1/statuses/${await idOf(quotedUri)}`)).body.quotes_count,
    1,
  );
  const update = (await answers(w)).find((a) => a.type === 'Update');
  assert.equal((update?.object as { quoteAuthorization?: string }).quoteAuthorization, stamp);

  // The quoted author later withdraws the stamp: the quote is revoked.
  await remote.deliver(w, '/users/alice/inbox', {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${stamp}#delete`,
    type: 'Delete',
    actor: remoteActor,
    object: stamp,
  });
  await process();
  const withdrawn = await get<StatusJson>(w, `/api/v1/statuses/${quote.id}`, alice.token);
  assert.deepEqual(withdrawn.body.quote, { state: 'revoked', quoted_status: null });
  assert.equal(
    (await get<StatusJson>(w, `/api/v1/statuses/${await idOf(quotedUri)}`)).body.quotes_count,
    0,
  );
  assert.equal(
    (await getActivityJson(w, `/users/alice/statuses/${quote.id}`)).body.quote,
    undefined,
  );

  // Another quote, refused by the quoted author's server: it no longer shows nor counts.
  const otherUri = `${remoteHost}/users/mastodon/statuses/11`;
  const other = await posted(w, alice.token, {
    status: 'hmm',
    quoted_status_id: await idOf(otherUri),
  });
  await process();
  await remote.deliver(w, '/users/alice/inbox', {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${remoteHost}/users/mastodon#quote_answers/2`,
    type: 'Reject',
    actor: remoteActor,
    object: `${other.uri}#quote_request`,
  });
  await process();
  const rejected = await get<StatusJson>(w, `/api/v1/statuses/${other.id}`, alice.token);
  assert.deepEqual(rejected.body.quote, { state: 'rejected', quoted_status: null });
  const quoted = await get<StatusJson>(w, `/api/v1/statuses/${await idOf(otherUri)}`);
  assert.equal(quoted.body.quotes_count, 0);

  // Alice closes a post to quotes: her followers' servers get its Note again, with the policy.
  const own = await posted(w, alice.token, { status: 'mine' });
  const changed = await w.request(`/api/v1/statuses/${own.id}/interaction_policy`, {
    method: 'PUT',
    token: alice.token,
    json: { quote_approval_policy: 'nobody' },
  });
  assert.equal(changed.status, 200);
  await process();
  const policyUpdate = (await answers(w)).find(
    (a) => a.type === 'Update' && (a.object as { id: string }).id === own.uri,
  );
  assert.deepEqual((policyUpdate?.object as { interactionPolicy: unknown }).interactionPolicy, {
    canQuote: { automaticApproval: 'https://woolly.test/users/alice' },
  });
});

/**
 * Quote posts from other servers, in each form in use (Mastodon 4.5's FEP-044f `quote` with
 * a stamp, Misskey's `quoteUrl`/`_misskey_quote`, a FEP-e232 `Link` tag), driven through the
 * inbox and read back through the API.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { QuoteJson, StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, post, posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor, type FakeRemote } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const remoteHost = 'https://masto.qa.urbanwildlife.biz';
const quotedActor = `${remoteHost}/users/quoted`;

async function setup(t: TestContext, kind: DatabaseKind) {
  const { remote, w } = await startWithFakeRemote(t, kind);
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const process = async () => {
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  };
  return { w, remote, alice, process };
}

/** A fixture with the fake server's host and the quoted post (and stamp) filled in. */
function quoting(name: string, quotedUri: string, extra: Record<string, string> = {}) {
  return fixture(name, {
    'https://remote.example/users/mastodon': remoteActor,
    'https://remote.example': remoteHost,
    QUOTED_URI: quotedUri,
    QUOTED_URL: quotedUri,
    ...extra,
  });
}

function createOf(note: Record<string, unknown>) {
  return {
    '@context': note['@context'],
    id: `${String(note.id)}/activity`,
    type: 'Create',
    actor: remoteActor,
    to: note.to,
    cc: note.cc,
    object: { ...note, '@context': undefined },
  };
}

/** A second account on the fake server, whose posts are quoted. */
function addQuotedActor(remote: FakeRemote): void {
  const actor = structuredClone(remote.documents.get(remoteActor)) as Record<string, unknown>;
  actor.id = quotedActor;
  actor.preferredUsername = 'quoted';
  actor.inbox = `${quotedActor}/inbox`;
  (actor.publicKey as Record<string, unknown>).id = `${quotedActor}#main-key`;
  (actor.publicKey as Record<string, unknown>).owner = quotedActor;
  remote.documents.set(quotedActor, actor);
}

function remoteNote(id: string, author: string, content: string): Record<string, unknown> {
  return {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id,
    type: 'Note',
    attributedTo: author,
    content,
    published: '2026-11-01T10:00:00Z',
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    cc: [`${author}/followers`],
  };
}

async function statusByUri(w: TestWoolly, uri: string, token?: string) {
  const row = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ?',
    [uri],
  );
  assert.ok(row, `${uri} was stored`);
  return (await get<StatusJson>(w, `/api/v1/statuses/${row.id}`, token)).body;
}

forEachDatabase((kind) => {
  test('a Mastodon 4.5 quote of a local post is accepted by its policy, counted and notified', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const original = await posted(w, alice.token, { status: 'quote me' });
    const create = quoting('quote-create-note-mastodon.json', original.uri, {
      QUOTE_AUTHORIZATION: `${original.uri}/quotes/unknown`,
    });
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();
    const note = create.object as { id: string };
    const quote = await statusByUri(w, note.id, alice.token);
    assertEntity(quote, 'Status');
    const q = quote.quote as QuoteJson;
    assert.equal(q.state, 'accepted');
    assert.equal(q.quoted_status?.id, original.id);
    assertEntity(q, 'Quote');
    // The `RE:` fallback is gone, the text stays.
    assert.equal(quote.content, '<p>Well said!</p>');
    const reread = await get<StatusJson>(w, `/api/v1/statuses/${original.id}`);
    assert.equal(reread.body.quotes_count, 1);
    const notifications = await get<{ type: string; status: { id: string } }[]>(
      w,
      '/api/v1/notifications',
      alice.token,
    );
    assert.deepEqual(
      notifications.body.map((n) => [n.type, n.status.id]),
      [['quote', quote.id]],
    );
    // Delivered again: stored and counted once.
    await remote.deliver(w, '/inbox', create);
    await process();
    assert.equal(
      (await get<StatusJson>(w, `/api/v1/statuses/${original.id}`)).body.quotes_count,
      1,
    );
    // Its own policy (interactionPolicy.canQuote: the public) lets alice quote it.
    assert.deepEqual(quote.quote_approval, {
      automatic: ['public'],
      manual: [],
      current_user: 'automatic',
    });
    const requote = await post(w, alice.token, { status: 'indeed', quoted_status_id: quote.id });
    assert.equal(requote.status, 200);
  });

  test('a quote of a local post its policy does not allow is rejected and shows nothing', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    const closed = await posted(w, alice.token, {
      status: 'not for quoting',
      quote_approval_policy: 'nobody',
    });
    const note = quoting('quote-note-link-tag.json', closed.uri);
    await remote.deliver(w, '/inbox', createOf(note));
    await process();
    const quote = await statusByUri(w, note.id as string);
    assert.deepEqual(quote.quote, { state: 'rejected', quoted_status: null });
    assert.equal(quote.content, '<p>quoting by link<br /></p>');
    assert.equal((await get<StatusJson>(w, `/api/v1/statuses/${closed.id}`)).body.quotes_count, 0);
    const notifications = await get<unknown[]>(w, '/api/v1/notifications', alice.token);
    assert.deepEqual(notifications.body, []);
  });

  test('a Misskey quote of an unknown post fetches it; a stamp from its author accepts a quote', async (t) => {
    const { w, remote, alice, process } = await setup(t, kind);
    addQuotedActor(remote);
    // Its own post, unknown to Woolly: fetched, and a self-quote is accepted.
    const own = `${remoteHost}/notes/own1`;
    remote.documents.set(own, remoteNote(own, remoteActor, '<p>my earlier note</p>'));
    const misskey = quoting('quote-note-misskey.json', own);
    await remote.deliver(w, '/inbox', createOf(misskey));
    await process();
    const selfQuote = await statusByUri(w, misskey.id as string, alice.token);
    const q = selfQuote.quote as QuoteJson;
    assert.equal(q.state, 'accepted');
    assert.equal(q.quoted_status?.uri, own);
    assert.equal(q.quoted_status?.content, '<p>my earlier note</p>');
    // Misskey states no quote policy: as for Mastodon, nobody else may quote it.
    assert.deepEqual(selfQuote.quote_approval, {
      automatic: [],
      manual: [],
      current_user: 'denied',
    });
    const refused = await post(w, alice.token, { status: 'x', quoted_status_id: selfQuote.id });
    assert.equal(refused.status, 404);

    // Another author's post: pending without a stamp, accepted with one that names it.
    const theirs = `${quotedActor}/statuses/9`;
    remote.documents.set(theirs, remoteNote(theirs, quotedActor, '<p>quotable</p>'));
    const stampUri = `${quotedActor}/quote_authorizations/1`;
    const stamped = quoting('quote-create-note-mastodon.json', theirs, {
      QUOTE_AUTHORIZATION: stampUri,
    });
    const stampedId = (stamped.object as { id: string }).id;
    remote.documents.set(
      stampUri,
      quoting('quote-authorization.json', theirs, {
        'https://remote.example/users/quoted': quotedActor,
        QUOTING_URI: stampedId,
      }),
    );
    const unstamped = quoting('quote-note-link-tag.json', theirs);
    await remote.deliver(w, '/inbox', createOf(unstamped));
    await remote.deliver(w, '/inbox', stamped);
    await process();
    assert.deepEqual((await statusByUri(w, unstamped.id as string)).quote, {
      state: 'pending',
      quoted_status: null,
    });
    const accepted = (await statusByUri(w, stampedId)).quote as QuoteJson;
    assert.equal(accepted.state, 'accepted');
    assert.equal(accepted.quoted_status?.uri, theirs);
    assert.equal((await statusByUri(w, theirs)).quotes_count, 1);

    // The quoted author's server approves the pending one: an Update brings its stamp.
    const laterStamp = `${quotedActor}/quote_authorizations/2`;
    remote.documents.set(
      laterStamp,
      quoting('quote-authorization.json', theirs, {
        'https://remote.example/users/quoted': quotedActor,
        '/quote_authorizations/1': '/quote_authorizations/2',
        QUOTING_URI: unstamped.id as string,
      }),
    );
    await remote.deliver(w, '/inbox', {
      '@context': [
        'https://www.w3.org/ns/activitystreams',
        {
          quoteAuthorization: {
            '@id': 'https://w3id.org/fep/044f#quoteAuthorization',
            '@type': '@id',
          },
        },
      ],
      id: `${unstamped.id as string}#updates/1`,
      type: 'Update',
      actor: remoteActor,
      object: {
        ...createOf(unstamped).object,
        '@context': undefined,
        quoteAuthorization: laterStamp,
      },
    });
    await process();
    const approved = (await statusByUri(w, unstamped.id as string)).quote as QuoteJson;
    assert.equal(approved.state, 'accepted');
    assert.equal(approved.quoted_status?.uri, theirs);
    assert.equal((await statusByUri(w, theirs)).quotes_count, 2);
  });
});

test('a stamp that names another quote, and a quoted post that cannot be fetched', async (t) => {
  const { w, remote, process } = await setup(t, 'sqlite');
  addQuotedActor(remote);
  const theirs = `${quotedActor}/statuses/10`;
  remote.documents.set(theirs, remoteNote(theirs, quotedActor, '<p>quotable</p>'));
  const stampUri = `${quotedActor}/quote_authorizations/2`;
  remote.documents.set(
    stampUri,
    quoting('quote-authorization.json', theirs, {
      'https://remote.example/users/quoted': quotedActor,
      QUOTING_URI: `${remoteHost}/users/mastodon/statuses/1`,
    }),
  );
  const create = quoting('quote-create-note-mastodon.json', theirs, {
    QUOTE_AUTHORIZATION: stampUri,
  });
  await remote.deliver(w, '/inbox', create);
  const gone = quoting('quote-note-misskey.json', `${remoteHost}/notes/gone`);
  await remote.deliver(w, '/inbox', createOf(gone));
  await process();
  const forged = await statusByUri(w, (create.object as { id: string }).id);
  assert.deepEqual(forged.quote, { state: 'pending', quoted_status: null });
  const missing = await statusByUri(w, gone.id as string);
  assert.deepEqual(missing.quote, { state: 'deleted', quoted_status: null });
});

/**
 * Quotes on posts Woolly fetches itself rather than has delivered: a reply's unknown parent
 * (parent backfill), the replies of an opened thread (thread backfill), an account's outbox (outbox backfill), a boost of an unknown post, a post
 * found by URL through search with `resolve=true`. Each
 * keeps its quote as a delivered post does (the quoted post fetched once if unknown), and the
 * quoted post's own quote is not followed further (one level).
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { QuoteJson, StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { outboxBackfillJob } from '../../src/federation/backfill/register.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fakeRemote, remoteActor, type FakeRemote } from './fake-remote.ts';
import { followRemoteAccepted, startFederatedWoolly } from './helpers.ts';

const publicAddress = 'https://www.w3.org/ns/activitystreams#Public';
const uriOf = (name: string) => `${remoteActor}/statuses/${name}`;
const quoteContext = [
  'https://www.w3.org/ns/activitystreams',
  { quote: { '@id': 'https://w3id.org/fep/044f#quote', '@type': '@id' } },
];

/** A public post of the fake server's actor, quoting `quotes` (FEP-044f) when given. */
function note(name: string, extra: Record<string, unknown> = {}, quotes?: string) {
  return {
    '@context': quoteContext,
    id: uriOf(name),
    type: 'Note',
    attributedTo: remoteActor,
    to: [publicAddress],
    content: `<p>${name}</p>`,
    published: '2026-11-01T10:00:00Z',
    ...(quotes ? { quote: quotes } : {}),
    ...extra,
  };
}

/**
 * The fake server's posts: `quoting` quotes `quoted` (its author's own, so accepted at once),
 * which quotes `deeper`, which Woolly must never fetch.
 */
function serveChain(remote: FakeRemote, quoting: Record<string, unknown>): void {
  remote.documents.set(uriOf('deeper'), note('deeper'));
  remote.documents.set(uriOf('quoted'), note('quoted', {}, uriOf('deeper')));
  remote.documents.set(String(quoting.id), quoting);
}

async function setup(t: TestContext, kind: DatabaseKind) {
  const remote = await fakeRemote();
  const w = await startFederatedWoolly(t, kind, {
    woolly: { federation: { documentLoader: remote.documentLoader } },
  });
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const jobs = w.jobs as EmbeddedJobs;
  const run = async () => {
    await jobs.runDue({ queues: ['ingress', 'default'] });
    await jobs.runDue({ queues: ['pull', 'default'] });
  };
  return { w, remote, alice, run };
}

async function idOf(w: TestWoolly, uri: string): Promise<string | null> {
  const row = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ?',
    [uri],
  );
  return row ? String(row.id) : null;
}

/** `uri` was stored quoting `quoted` (accepted), and the quoted post was stored without its own. */
async function assertQuotedOneLevel(w: TestWoolly, uri: string, token: string): Promise<void> {
  const id = await idOf(w, uri);
  assert.ok(id, `${uri} was stored`);
  const status = (await get<StatusJson>(w, `/api/v1/statuses/${id}`, token)).body;
  const quote = status.quote as QuoteJson | null;
  assert.ok(quote, `${uri} keeps its quote`);
  assert.equal(quote.state, 'accepted');
  assert.equal(quote.quoted_status?.uri, uriOf('quoted'));
  const quoted = (await get<StatusJson>(w, `/api/v1/statuses/${quote.quoted_status.id}`, token))
    .body;
  assert.equal(quoted.quotes_count, 1);
  assert.equal(quoted.quote, null, 'the quoted post is stored without its own quote');
  assert.equal(await idOf(w, uriOf('deeper')), null, 'a quote of a quote is not fetched');
}

forEachDatabase((kind) => {
  test('the unknown parent of a reply is stored with its quote', async (t) => {
    const { w, remote, alice, run } = await setup(t, kind);
    const parent = note('parent', {}, uriOf('quoted'));
    serveChain(remote, parent);
    const reply = note('reply', { inReplyTo: parent.id });
    const create = await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${reply.id}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: { ...reply, '@context': undefined },
    });
    assert.equal(create.status, 202);
    await run();
    await assertQuotedOneLevel(w, parent.id, alice.token);
  });

  test('the replies fetched when a thread is opened keep their quotes', async (t) => {
    const { w, remote, alice, run } = await setup(t, kind);
    const reply = note('answer', { inReplyTo: uriOf('root') }, uriOf('quoted'));
    serveChain(remote, reply);
    // Inline in the collection, as Mastodon sends its first replies (no context of its own).
    const inlineReply: Record<string, unknown> = { ...reply };
    delete inlineReply['@context'];
    const root = note('root', {
      replies: {
        id: `${uriOf('root')}/replies`,
        type: 'Collection',
        first: {
          id: `${uriOf('root')}/replies?page=1`,
          type: 'CollectionPage',
          partOf: `${uriOf('root')}/replies`,
          items: [inlineReply],
        },
      },
    });
    remote.documents.set(root.id, root);
    await remote.deliver(w, '/inbox', {
      '@context': quoteContext,
      id: `${root.id}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: { ...root, '@context': undefined },
    });
    await run();
    const rootId = await idOf(w, root.id);
    assert.ok(rootId);
    const opened = await get(w, `/api/v1/statuses/${rootId}/context`, alice.token);
    assert.equal(opened.status, 200);
    await run();
    await assertQuotedOneLevel(w, reply.id, alice.token);
  });

  test('posts backfilled from an outbox keep their quotes; a second run changes nothing', async (t) => {
    const { w, remote, alice, run } = await setup(t, kind);
    const post = note('outboxed', {}, uriOf('quoted'));
    serveChain(remote, post);
    const outbox = `${remoteActor}/outbox`;
    remote.documents.set(outbox, {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: outbox,
      type: 'OrderedCollection',
      totalItems: 1,
      orderedItems: [
        {
          id: `${post.id}/activity`,
          type: 'Create',
          actor: remoteActor,
          to: [publicAddress],
          object: post.id,
        },
      ],
    });
    // Alice follows the account (known from a post it sent) and its server accepts.
    const hello = note('hello');
    await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${hello.id}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: { ...hello, '@context': undefined },
    });
    await run();
    const accountId = await followRemoteAccepted(w, remote, alice.token);
    await run();
    await assertQuotedOneLevel(w, post.id, alice.token);

    // Run again (as when the follow is accepted anew): nothing more is stored or counted.
    const count = async () =>
      Number(
        (await w.deps.db.get<{ n: number | string }>('SELECT COUNT(*) AS n FROM statuses'))?.n,
      );
    const before = await count();
    await w.deps.queue.enqueue('pull', outboxBackfillJob, { accountId });
    await run();
    assert.equal(await count(), before);
    await assertQuotedOneLevel(w, post.id, alice.token);
  });

  test('a boosted post fetched from its server keeps its quote', async (t) => {
    const { w, remote, alice, run } = await setup(t, kind);
    const boosted = note('boosted', {}, uriOf('quoted'));
    serveChain(remote, boosted);
    const announce = await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${boosted.id}/boost`,
      type: 'Announce',
      actor: remoteActor,
      to: [publicAddress],
      object: boosted.id,
      published: '2026-11-01T11:00:00Z',
    });
    assert.equal(announce.status, 202);
    await run();
    await assertQuotedOneLevel(w, boosted.id, alice.token);
  });

  test('a post found by its URL with resolve=true is fetched with its quote', async (t) => {
    const { w, remote, alice } = await setup(t, kind);
    const foundUrl = 'https://masto.qa.urbanwildlife.biz/@mastodon/42';
    const found = note('found', { url: foundUrl }, uriOf('quoted'));
    serveChain(remote, found);
    remote.documents.set(foundUrl, found);
    const search = (q: string, token?: string) =>
      get<{ accounts: { acct: string }[]; statuses: StatusJson[] }>(
        w,
        `/api/v2/search?resolve=true&q=${encodeURIComponent(q)}`,
        token,
      );
    // Without resolve, or by someone not signed in, nothing is fetched.
    const stored = await get<{ statuses: unknown[] }>(
      w,
      `/api/v2/search?q=${encodeURIComponent(foundUrl)}`,
      alice.token,
    );
    assert.deepEqual(stored.body.statuses, []);
    assert.equal((await search(foundUrl)).status, 401);
    assert.equal(await idOf(w, found.id), null);

    const res = await search(foundUrl, alice.token);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.statuses.map((s) => s.uri),
      [found.id],
    );
    await assertQuotedOneLevel(w, found.id, alice.token);
    // An unknown actor's URL finds the account.
    const otherActor = 'https://masto.qa.urbanwildlife.biz/users/other';
    const actor = structuredClone(remote.documents.get(remoteActor)) as Record<string, unknown>;
    Object.assign(actor, {
      id: otherActor,
      preferredUsername: 'other',
      inbox: `${otherActor}/inbox`,
    });
    actor.publicKey = {
      id: `${otherActor}#main-key`,
      owner: otherActor,
      publicKeyPem: (actor.publicKey as { publicKeyPem: string }).publicKeyPem,
    };
    remote.documents.set(otherActor, actor);
    const account = await search(otherActor, alice.token);
    assert.deepEqual(
      account.body.accounts.map((a) => a.acct),
      ['other@masto.qa.urbanwildlife.biz'],
    );
    // A URL that leads nowhere finds nothing.
    const none = await search(uriOf('missing'), alice.token);
    assert.deepEqual([none.status, none.body.statuses, none.body.accounts], [200, [], []]);
  });
});

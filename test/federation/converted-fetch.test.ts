/**
 * The types Mastodon converts (Page, Video, Article, ...: federation/convert/status-object.ts)
 * are found where Woolly fetches posts itself, not only when delivered: a search by URL with
 * `resolve=true`, the parent of a reply (a Lemmy comment on a post Woolly lacks), the replies
 * of an opened thread, and an account's outbox when it is followed.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fakeRemote, remoteActor } from './fake-remote.ts';
import { followRemoteAccepted, startFederatedWoolly } from './helpers.ts';

const publicAddress = 'https://www.w3.org/ns/activitystreams#Public';
const context = 'https://www.w3.org/ns/activitystreams';
const uriOf = (name: string) => `${remoteActor}/posts/${name}`;

/** A public object of type `type` by the fake server's actor. */
function object(type: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': context,
    id: uriOf(name),
    type,
    attributedTo: remoteActor,
    to: [publicAddress],
    name: `The ${name}`,
    content: `<p>The long body of ${name}</p>`,
    url: `https://masto.qa.urbanwildlife.biz/@mastodon/${name}`,
    published: '2026-11-01T10:00:00Z',
    ...extra,
  };
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
  /** Delivers a Create of `note` from the fake server's actor, and runs what it queues. */
  const create = async (note: Record<string, unknown>) => {
    const res = await remote.deliver(w, '/inbox', {
      '@context': context,
      id: `${String(note.id)}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: { ...note, '@context': undefined },
    });
    assert.equal(res.status, 202);
    await run();
  };
  return { w, remote, alice, run, create };
}

/** The stored post with id `uri`, as alice reads it through the API. */
async function statusAt(w: TestWoolly, uri: string, token: string) {
  const row = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ?',
    [uri],
  );
  if (!row) return null;
  const res = await get<{ id: string; content: string; in_reply_to_id: string | null }>(
    w,
    `/api/v1/statuses/${String(row.id)}`,
    token,
  );
  return res.body;
}

const text = (html: string) => html.replace(/<[^>]+>/g, '');

forEachDatabase((kind) => {
  test('a Page and a PeerTube Video found by URL with resolve=true are stored as Mastodon converts them', async (t) => {
    const { w, remote, alice } = await setup(t, kind);
    const page = object('Page', 'page');
    remote.documents.set(page.id, page);
    remote.documents.set(page.url, page);
    const res = await get<{ statuses: { uri: string; content: string }[] }>(
      w,
      `/api/v2/search?resolve=true&q=${encodeURIComponent(page.url)}`,
      alice.token,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.statuses.map((s) => [s.uri, text(s.content)]),
      [[page.id, `The page${page.url}`]],
    );

    // A PeerTube video names its account and channel only as `{type, id}`: the account is
    // fetched for its profile.
    const video = object('Video', 'video', {
      attributedTo: [
        { type: 'Person', id: remoteActor },
        { type: 'Group', id: `${remoteActor}/channel` },
      ],
    });
    remote.documents.set(video.id, video);
    const found = await get<{ statuses: { uri: string; account: { acct: string } }[] }>(
      w,
      `/api/v2/search?resolve=true&q=${encodeURIComponent(video.id)}`,
      alice.token,
    );
    assert.deepEqual(
      found.body.statuses.map((s) => [s.uri, s.account.acct]),
      [[video.id, 'mastodon@masto.qa.urbanwildlife.biz']],
    );
  });

  test('the Page a reply answers is fetched as its parent', async (t) => {
    const { w, remote, alice, create } = await setup(t, kind);
    const page = object('Page', 'post');
    remote.documents.set(page.id, page);
    await create({
      id: uriOf('comment'),
      type: 'Note',
      attributedTo: remoteActor,
      to: [publicAddress],
      content: '<p>a comment</p>',
      inReplyTo: page.id,
    });
    const parent = await statusAt(w, page.id, alice.token);
    assert.ok(parent, 'the Page is stored');
    assert.equal(text(parent.content), `The post${page.url}`);
    const reply = await statusAt(w, uriOf('comment'), alice.token);
    assert.equal(reply?.in_reply_to_id, parent.id);
  });

  test('an opened Article fetches its replies', async (t) => {
    const { w, remote, alice, run, create } = await setup(t, kind);
    const answer = object('Note', 'answer', { inReplyTo: uriOf('article'), name: undefined });
    remote.documents.set(answer.id, answer);
    const article = object('Article', 'article', {
      replies: {
        id: `${uriOf('article')}/replies`,
        type: 'Collection',
        first: {
          id: `${uriOf('article')}/replies?page=1`,
          type: 'CollectionPage',
          partOf: `${uriOf('article')}/replies`,
          items: [answer.id],
        },
      },
    });
    remote.documents.set(article.id, article);
    await create(article);
    const stored = await statusAt(w, article.id, alice.token);
    assert.ok(stored, 'the Article is stored');
    assert.equal((await get(w, `/api/v1/statuses/${stored.id}/context`, alice.token)).status, 200);
    await run();
    const reply = await statusAt(w, answer.id, alice.token);
    assert.equal(reply?.in_reply_to_id, stored.id);
  });

  test('Videos in the outbox of a followed account are backfilled', async (t) => {
    const { w, remote, alice, run, create } = await setup(t, kind);
    const video = object('Video', 'video');
    remote.documents.set(video.id, video);
    const outbox = `${remoteActor}/outbox`;
    remote.documents.set(outbox, {
      '@context': context,
      id: outbox,
      type: 'OrderedCollection',
      totalItems: 1,
      orderedItems: [
        {
          id: `${video.id}/activity`,
          type: 'Create',
          actor: remoteActor,
          to: [publicAddress],
          object: video.id,
        },
      ],
    });
    await create({
      id: uriOf('hello'),
      type: 'Note',
      attributedTo: remoteActor,
      to: [publicAddress],
      content: '<p>hello</p>',
    });
    await followRemoteAccepted(w, remote, alice.token);
    await run();
    const backfilled = await statusAt(w, video.id, alice.token);
    assert.ok(backfilled, 'the Video is stored');
    assert.equal(text(backfilled.content), `The video${video.url}`);
  });

  test('a boosted Question Woolly lacks is fetched with its poll', async (t) => {
    const { w, remote, alice, run } = await setup(t, kind);
    const question = object('Question', 'poll', {
      name: undefined,
      content: '<p>tea or coffee?</p>',
      oneOf: [
        { type: 'Note', name: 'tea', replies: { type: 'Collection', totalItems: 3 } },
        { type: 'Note', name: 'coffee', replies: { type: 'Collection', totalItems: 1 } },
      ],
      endTime: '2026-12-01T10:00:00Z',
    });
    remote.documents.set(question.id, question);
    const res = await remote.deliver(w, '/inbox', {
      '@context': context,
      id: `${question.id}/boost`,
      type: 'Announce',
      actor: remoteActor,
      to: [publicAddress],
      object: question.id,
    });
    assert.equal(res.status, 202);
    await run();
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [question.id],
    );
    assert.ok(row, 'the Question is stored');
    const status = await get<{ poll: { options: { title: string; votes_count: number }[] } }>(
      w,
      `/api/v1/statuses/${String(row.id)}`,
      alice.token,
    );
    assert.deepEqual(
      status.body.poll.options.map((o) => [o.title, o.votes_count]),
      [
        ['tea', 3],
        ['coffee', 1],
      ],
    );
  });
});

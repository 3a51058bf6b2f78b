import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { statusesJson } from '../../src/api/mastodon/statuses-json.ts';
import { findStatusById } from '../../src/db/repositories/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, relate } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

type Viewer =
  | 'anonymous'
  | 'stranger'
  | 'follower'
  | 'mentioned'
  | 'blocked by author'
  | 'blocking author'
  | 'muting author'
  | 'author';
type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

// (viewer, visibility) -> may see, as Mastodon's StatusPolicy#show? decides.
const table: Record<Viewer, Record<Visibility, boolean>> = {
  anonymous: { public: true, unlisted: true, private: false, direct: false },
  stranger: { public: true, unlisted: true, private: false, direct: false },
  follower: { public: true, unlisted: true, private: true, direct: false },
  mentioned: { public: true, unlisted: true, private: true, direct: true },
  'blocked by author': { public: false, unlisted: false, private: false, direct: false },
  'blocking author': { public: true, unlisted: true, private: false, direct: false },
  'muting author': { public: true, unlisted: true, private: false, direct: false },
  author: { public: true, unlisted: true, private: true, direct: true },
};

async function cast(w: TestWoolly) {
  const make = (username: string) => makeUserWithToken(w.deps, { account: { username } });
  const author = await make('author');
  const people = {
    stranger: await make('stranger'),
    follower: await make('follower'),
    mentioned: await make('mentioned'),
    'blocked by author': await make('blocked'),
    'blocking author': await make('blocking'),
    'muting author': await make('muting'),
  };
  await relate(w, people.follower.token, author.account.id, 'follow');
  await relate(w, author.token, people['blocked by author'].account.id, 'block');
  await relate(w, people['blocking author'].token, author.account.id, 'block');
  await relate(w, people['muting author'].token, author.account.id, 'mute');
  const token = (viewer: Viewer): string | undefined =>
    viewer === 'anonymous' ? undefined : viewer === 'author' ? author.token : people[viewer].token;
  return { author, people, token };
}

forEachDatabase((kind) => {
  test('who sees a post, through GET /statuses/:id and /context: 200 or 404, never 403', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { author, token } = await cast(w);
    const statuses = {} as Record<Visibility, StatusJson>;
    for (const visibility of ['public', 'unlisted', 'private', 'direct'] as const) {
      statuses[visibility] = await posted(w, author.token, {
        status: `@mentioned ${visibility}`,
        visibility,
      });
    }
    for (const [viewer, row] of Object.entries(table) as [Viewer, Record<Visibility, boolean>][]) {
      for (const [visibility, visible] of Object.entries(row) as [Visibility, boolean][]) {
        const id = statuses[visibility].id;
        for (const path of [`/api/v1/statuses/${id}`, `/api/v1/statuses/${id}/context`]) {
          const res = await get(w, path, token(viewer));
          const label = `${viewer} ${visibility} ${path}`;
          if (visible) {
            assert.equal(res.status, 200, label);
          } else {
            assert.deepEqual(res, { status: 404, body: { error: 'Record not found' } }, label);
          }
        }
      }
    }
  });

  test('GET /statuses/:id renders the full entity; unknown and malformed ids are 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const status = await posted(w, alice.token, { status: 'hello', spoiler_text: 'cw' });
    const mine = await get<StatusJson>(w, `/api/v1/statuses/${status.id}`, alice.token);
    assertEntity(mine.body, 'Status');
    assert.deepEqual(mine.body, status);
    for (const id of ['1', 'abc', '99999999999999999999']) {
      assert.deepEqual(await get(w, `/api/v1/statuses/${id}`, alice.token), {
        status: 404,
        body: { error: 'Record not found' },
      });
    }
  });

  test('GET /statuses?id[]= returns what the viewer may list, newest first, at most 20 ids', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { author, people, token } = await cast(w);
    const open = await posted(w, author.token, { status: 'public' });
    const closed = await posted(w, author.token, { status: 'private', visibility: 'private' });
    const other = await posted(w, people.stranger.token, { status: 'stranger' });
    const query = `id[]=${open.id}&id[]=${closed.id}&id[]=${other.id}&id[]=1&id[]=nope`;
    const ids = async (viewer: Viewer) =>
      (await get<StatusJson[]>(w, `/api/v1/statuses?${query}`, token(viewer))).body.map(
        (s) => s.id,
      );
    assert.deepEqual(await ids('anonymous'), [other.id, open.id]);
    assert.deepEqual(await ids('follower'), [other.id, closed.id, open.id]);
    // A mute hides the author's posts from lists, though each can still be opened.
    assert.deepEqual(await ids('muting author'), [other.id]);
    assert.deepEqual(await ids('blocking author'), [other.id]);
    const many = Array.from({ length: 21 }, (_, i) => `id[]=${i + 1}`).join('&');
    assert.deepEqual(await get(w, `/api/v1/statuses?${many}`), {
      status: 422,
      body: { error: 'Mastodon::ValidationError' },
    });
    const one = await get<StatusJson[]>(w, `/api/v1/statuses?id=${open.id}`);
    assert.deepEqual(
      one.body.map((s) => s.id),
      [open.id],
    );
  });

  test('a token without read scopes may not read; app and unknown tokens read as anonymous', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const status = await posted(w, alice.token, { status: 'hello' });
    const writer = await makeUserWithToken(w.deps, { scopes: ['write'] });
    assert.deepEqual(await get(w, `/api/v1/statuses/${status.id}`, writer.token), {
      status: 403,
      body: { error: 'This action is outside the authorized scopes' },
    });
    // A token Woolly never issued counts as none, as Doorkeeper finds none.
    assert.equal((await get(w, `/api/v1/statuses/${status.id}`, 'not-a-token')).status, 200);
    const app = await makeAppToken(w.deps, ['read']);
    const hidden = await posted(w, alice.token, { status: 'followers', visibility: 'private' });
    assert.equal((await get(w, `/api/v1/statuses/${status.id}`, app.token)).status, 200);
    assert.equal((await get(w, `/api/v1/statuses/${hidden.id}`, app.token)).status, 404);
  });
});

/** A copy of `deps` whose database counts the statements it is asked to run. */
function counting(deps: TestWoolly['deps']) {
  let statements = 0;
  const db = deps.db;
  const counted = Object.create(db) as typeof db;
  counted.all = (sql, params) => ((statements += 1), db.all(sql, params));
  counted.get = (sql, params) => ((statements += 1), db.get(sql, params));
  counted.run = (sql, params) => ((statements += 1), db.run(sql, params));
  return { deps: { ...deps, db: counted }, statements: () => statements };
}

forEachDatabase((kind) => {
  test('rendering a list costs the same queries for one status or forty', async (t) => {
    const w = await startTestWoolly(t, kind);
    const viewer = await makeUserWithToken(w.deps, { account: { username: 'viewer' } });
    const records = [];
    for (let i = 0; i < 40; i++) {
      const author = await makeUserWithToken(w.deps, { account: { username: `author${i}` } });
      const status = await posted(w, author.token, {
        status: `post ${i} for @viewer #tag${i}`,
        poll: { options: ['a', 'b'], expires_in: 600 },
      });
      records.push((await findStatusById(w.deps.db, status.id))!);
    }
    const one = counting(w.deps);
    await statusesJson(one.deps, records.slice(0, 1), viewer.account);
    const forty = counting(w.deps);
    const json = await statusesJson(forty.deps, records, viewer.account);
    assert.equal(json.length, 40);
    assert.equal(forty.statements(), one.statements());
  });
});

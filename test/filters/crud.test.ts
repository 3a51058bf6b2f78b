/**
 * /api/v2/filters and their keywords and statuses, and /api/v1/filters, with Mastodon's 422s
 * and 404s. Shapes are checked against test/fixtures/mastodon/filters.json.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { recordEvents } from '../relationships/helpers.ts';
import { call, person, put, say } from './helpers.ts';

forEachDatabase((kind) => {
  test('v2 filters: create with keywords, read, list, update keywords, delete', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const changes = recordEvents(w, 'filters.changed');
    const made = await alice.api.post('/api/v2/filters', {
      title: ' No spoilers ',
      context: ['home', ' public', ''],
      filter_action: 'hide',
      expires_in: 3600,
      keywords_attributes: [{ keyword: 'finale', whole_word: false }, { keyword: 'ending' }],
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assertEntity(made.body, 'Filter');
    assert.equal(made.body.title, 'No spoilers');
    assert.deepEqual(made.body.context, ['home', 'public']);
    assert.equal(made.body.filter_action, 'hide');
    assert.equal(made.body.expires_at, new Date(w.clock.now() + 3_600_000).toISOString());
    const keywords = made.body.keywords as { id: string; keyword: string; whole_word: boolean }[];
    assert.deepEqual(
      keywords.map((k) => [k.keyword, k.whole_word]),
      [
        ['finale', false],
        ['ending', true],
      ],
    );
    assertEntity(keywords[0], 'FilterKeyword');
    const id = made.body.id as string;

    assert.deepEqual((await alice.api.get(`/api/v2/filters/${id}`)).body, made.body);
    assert.deepEqual((await alice.api.get('/api/v2/filters')).list, [made.body]);

    const changed = await put(w, alice, `/api/v2/filters/${id}`, {
      filter_action: 'blur',
      expires_in: '',
      keywords_attributes: [
        { id: keywords[0]!.id, _destroy: true },
        { id: keywords[1]!.id, keyword: 'the end' },
        { keyword: 'epilogue', whole_word: 'false' },
      ],
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.title, 'No spoilers');
    assert.equal(changed.body.filter_action, 'blur');
    assert.equal(changed.body.expires_at, null);
    assert.deepEqual(
      (changed.body.keywords as { keyword: string; whole_word: boolean }[]).map((k) => [
        k.keyword,
        k.whole_word,
      ]),
      [
        ['the end', true],
        ['epilogue', false],
      ],
    );

    const bob = await person(w);
    assert.equal((await bob.api.get(`/api/v2/filters/${id}`)).status, 404);
    assert.equal((await bob.api.delete(`/api/v2/filters/${id}`)).status, 404);
    assert.equal((await put(w, bob, `/api/v2/filters/${id}`, { title: 'x' })).status, 404);

    const gone = await alice.api.delete(`/api/v2/filters/${id}`);
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body, {});
    assert.equal((await alice.api.get(`/api/v2/filters/${id}`)).status, 404);
    assert.deepEqual((await alice.api.get('/api/v2/filters')).list, []);
    assert.deepEqual(
      changes.map((e) => e.accountId),
      [alice.account.id, alice.account.id, alice.account.id],
    );
  });

  test("v2 filters: Mastodon's 422s for a blank title, a bad context, an unknown action", async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const error = async (body: Record<string, unknown>) => {
      const res = await alice.api.post('/api/v2/filters', body);
      assert.equal(res.status, 422);
      return res.body.error;
    };
    assert.equal(
      await error({ title: ' ', context: ['home'] }),
      "Validation failed: Title can't be blank",
    );
    assert.equal(
      await error({ title: 'x', context: ['home', 'everywhere'] }),
      'Validation failed: Context none or invalid context supplied',
    );
    assert.equal(
      await error({ title: 'x' }),
      "Validation failed: Context can't be blank, Context none or invalid context supplied",
    );
    assert.equal(
      await error({ title: 'x', context: ['home'], filter_action: 'explode' }),
      'Validation failed: Action is not included in the list',
    );
    assert.equal(
      await error({
        title: 'x',
        context: ['home'],
        keywords_attributes: [{ keyword: '', whole_word: true }],
      }),
      "Validation failed: Keywords keyword can't be blank",
    );
    // An all-blank row is ignored, as Rails' reject_if: :all_blank.
    const ignored = await alice.api.post('/api/v2/filters', {
      title: 'x',
      context: ['home'],
      keywords_attributes: [{ keyword: '' }],
    });
    assert.deepEqual(ignored.body.keywords, []);
    await alice.api.delete(`/api/v2/filters/${ignored.body.id as string}`);
    assert.deepEqual((await alice.api.get('/api/v2/filters')).list, []);
    const id = (await alice.api.post('/api/v2/filters', { title: 'x', context: ['home'] })).body
      .id as string;
    const bad = await put(w, alice, `/api/v2/filters/${id}`, { context: [] });
    assert.equal(bad.status, 422);
    assert.equal(
      bad.body.error,
      "Validation failed: Context can't be blank, Context none or invalid context supplied",
    );
    const anonymous = await w.request('/api/v2/filters');
    assert.equal(anonymous.status, 401);
  });

  test('v2 filter keywords and statuses as sub-resources', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const id = (await alice.api.post('/api/v2/filters', { title: 'x', context: ['thread'] })).body
      .id as string;

    const added = await alice.api.post(`/api/v2/filters/${id}/keywords`, {
      keyword: 'spoiler',
      whole_word: false,
    });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(
      { keyword: added.body.keyword, whole_word: added.body.whole_word },
      { keyword: 'spoiler', whole_word: false },
    );
    const keywordId = added.body.id as string;
    assert.deepEqual((await alice.api.get(`/api/v2/filters/${id}/keywords`)).list, [added.body]);
    assert.deepEqual(
      (await alice.api.get(`/api/v2/filters/keywords/${keywordId}`)).body,
      added.body,
    );
    const renamed = await put(w, alice, `/api/v2/filters/keywords/${keywordId}`, {
      keyword: 'spoilers',
      whole_word: true,
    });
    assert.deepEqual(renamed.body, { id: keywordId, keyword: 'spoilers', whole_word: true });
    const blank = await alice.api.post(`/api/v2/filters/${id}/keywords`, { keyword: '' });
    assert.equal(blank.status, 422);
    assert.equal(blank.body.error, "Validation failed: Keyword can't be blank");
    assert.equal((await bob.api.get(`/api/v2/filters/keywords/${keywordId}`)).status, 404);
    assert.equal((await bob.api.get(`/api/v2/filters/${id}/keywords`)).status, 404);
    assert.equal((await alice.api.delete(`/api/v2/filters/keywords/${keywordId}`)).status, 200);
    assert.deepEqual((await alice.api.get(`/api/v2/filters/${id}/keywords`)).list, []);

    const post = await say(bob, 'hello');
    const privatePost = await say(bob, 'secret', { visibility: 'private' });
    const held = await alice.api.post(`/api/v2/filters/${id}/statuses`, { status_id: post });
    assert.equal(held.status, 200, JSON.stringify(held.body));
    assertEntity(held.body, 'FilterStatus');
    assert.equal(held.body.status_id, post);
    const heldId = held.body.id as string;
    const again = await alice.api.post(`/api/v2/filters/${id}/statuses`, { status_id: post });
    assert.equal(again.status, 422);
    assert.equal(again.body.error, 'Validation failed: Status has already been taken');
    const hidden = await alice.api.post(`/api/v2/filters/${id}/statuses`, {
      status_id: privatePost,
    });
    assert.equal(hidden.status, 422);
    assert.equal(hidden.body.error, 'Validation failed: Status is invalid');
    const missing = await alice.api.post(`/api/v2/filters/${id}/statuses`, { status_id: '1' });
    assert.equal(missing.body.error, 'Validation failed: Status must exist');
    assert.deepEqual((await alice.api.get(`/api/v2/filters/${id}/statuses`)).list, [held.body]);
    assert.deepEqual((await alice.api.get(`/api/v2/filters/statuses/${heldId}`)).body, held.body);
    assert.equal((await bob.api.get(`/api/v2/filters/statuses/${heldId}`)).status, 404);
    const filter = (await alice.api.get(`/api/v2/filters/${id}`)).body;
    assert.deepEqual(filter.statuses, [held.body]);
    assert.equal((await alice.api.delete(`/api/v2/filters/statuses/${heldId}`)).status, 200);
    assert.deepEqual((await alice.api.get(`/api/v2/filters/${id}/statuses`)).list, []);
  });

  test('v1 filters: each is one keyword of a v2 filter', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const made = await alice.api.post('/api/v1/filters', {
      phrase: 'eurovision',
      context: ['home', 'public'],
      irreversible: true,
      whole_word: false,
      expires_in: 1800,
    });
    assert.equal(made.status, 200, JSON.stringify(made.body));
    assertEntity(made.body, 'V1_Filter');
    assert.deepEqual(made.body, {
      id: made.body.id,
      phrase: 'eurovision',
      context: ['home', 'public'],
      whole_word: false,
      expires_at: new Date(w.clock.now() + 1_800_000).toISOString(),
      irreversible: true,
    });
    const v2 = (await alice.api.get('/api/v2/filters')).list;
    assert.equal(v2.length, 1);
    assert.equal(v2[0]!.title, 'eurovision');
    assert.equal(v2[0]!.filter_action, 'hide');
    const id = made.body.id as string;
    assert.deepEqual((await alice.api.get('/api/v1/filters')).list, [made.body]);
    assert.deepEqual((await alice.api.get(`/api/v1/filters/${id}`)).body, made.body);

    const changed = await put(w, alice, `/api/v1/filters/${id}`, {
      phrase: 'song contest',
      irreversible: false,
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.phrase, 'song contest');
    assert.equal(changed.body.irreversible, false);

    // A second keyword on the same filter: filter-wide changes through v1 are refused.
    await alice.api.post(`/api/v2/filters/${v2[0]!.id as string}/keywords`, { keyword: 'abba' });
    assert.equal((await alice.api.get('/api/v1/filters')).list.length, 2);
    const refused = await put(w, alice, `/api/v1/filters/${id}`, { context: ['thread'] });
    assert.equal(refused.status, 422);
    assert.match(String(refused.body.error), /apply to more than one filter keyword/);
    const blank = await alice.api.post('/api/v1/filters', { phrase: '', context: ['home'] });
    assert.equal(blank.status, 422);

    const deleted = await call(w, alice, 'DELETE', `/api/v1/filters/${id}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(
      (await alice.api.get('/api/v1/filters')).list.map((f) => f.phrase),
      ['abba'],
    );
  });
});

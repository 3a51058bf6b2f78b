/**
 * Filters applied to what the viewer reads: `filtered` (FilterResult) on statuses in the
 * filter's contexts, `hide` filters leaving posts out of home, public, tag, thread, account
 * and notification lists, whole-word matching, posts filtered by id, and expiry.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { act, home, makeFilter, person, runJobs, say, seen, timeline } from './helpers.ts';

forEachDatabase((kind) => {
  test('warn marks matching posts in its contexts; hide leaves them out', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const writer = await person(w);
    await act(reader, `/api/v1/accounts/${writer.account.id}/follow`);
    const warned = await makeFilter(reader, {
      title: 'Spoilers',
      context: ['home', 'thread'],
      keywords: [{ keyword: 'finale', whole_word: true }],
    });
    await makeFilter(reader, {
      title: 'Politics',
      context: ['public', 'thread', 'notifications', 'account'],
      filter_action: 'hide',
      keywords: [{ keyword: 'election' }],
    });
    const plain = await say(writer, 'a quiet day');
    const spoiler = await say(writer, 'That FINALE, wow');
    const politics = await say(writer, `@${reader.account.username} election news`);
    const reply = await say(writer, 'the finale again, election night', {
      in_reply_to_id: plain,
    });

    // Home: the warn filter applies; the hide filter is not for home.
    await runJobs(w);
    const homeRes = await reader.api.get('/api/v1/timelines/home');
    assert.deepEqual(
      homeRes.list.map((s) => s.id),
      [reply, politics, spoiler, plain],
    );
    const marked = homeRes.list.find((s) => s.id === spoiler)!;
    const filtered = marked.filtered as Record<string, unknown>[];
    assert.equal(filtered.length, 1);
    assertEntity(filtered[0], 'FilterResult');
    assert.deepEqual(filtered[0], {
      filter: {
        id: warned,
        title: 'Spoilers',
        context: ['home', 'thread'],
        expires_at: null,
        filter_action: 'warn',
      },
      keyword_matches: ['FINALE'],
      status_matches: null,
    });
    assert.deepEqual(homeRes.list.find((s) => s.id === politics)!.filtered, []);

    // Public, account and notifications: the hide filter leaves the posts out.
    assert.deepEqual(await timeline(w, reader, '/api/v1/timelines/public'), [spoiler, plain]);
    assert.deepEqual(await timeline(w, reader, `/api/v1/accounts/${writer.account.id}/statuses`), [
      spoiler,
      plain,
    ]);
    assert.deepEqual(
      (await seen(w, reader)).map((n) => n.status),
      [],
    );
    // Thread: hidden descendants go, and the warn filter still marks.
    const context = await reader.api.get(`/api/v1/statuses/${plain}/context`);
    assert.deepEqual(context.body.descendants, []);
    // A single post has no context: every filter is reported, nothing is left out.
    const single = await reader.api.get(`/api/v1/statuses/${reply}`);
    assert.deepEqual(
      (single.body.filtered as { filter: { title: string } }[]).map((f) => f.filter.title),
      ['Spoilers', 'Politics'],
    );
    // Someone else reading sees everything unfiltered.
    assert.deepEqual(await timeline(w, writer, '/api/v1/timelines/public'), [
      reply,
      politics,
      spoiler,
      plain,
    ]);
  });

  test('whole-word keywords follow the word-boundary rule; others match inside words', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const writer = await person(w);
    await makeFilter(reader, {
      context: ['public'],
      keywords: [
        { keyword: 'cat', whole_word: true },
        { keyword: '#tea', whole_word: true },
        { keyword: 'ing', whole_word: false },
        { keyword: 'Ünïcode', whole_word: true },
      ],
    });
    const cases: [string, string | null][] = [
      ['my cat sleeps', 'cat'],
      ['Cat!', 'Cat'],
      ['concatenate', null],
      ['cats', null],
      ['green#tea time', '#tea'],
      ['#teapot', null],
      ['singing', 'ing'],
      ['ünïcode rules', 'ünïcode'],
      ['xünïcode', null],
      ['nothing to see', 'ing'],
      ['a dog', null],
    ];
    const ids = new Map<string, string | null>();
    for (const [text, match] of cases) ids.set(await say(writer, text), match);
    const res = await reader.api.get('/api/v1/timelines/public?limit=40');
    for (const status of res.list) {
      const filtered = status.filtered as { keyword_matches: string[] }[];
      const expected = ids.get(status.id as string);
      assert.deepEqual(
        filtered.map((f) => f.keyword_matches[0]),
        expected === null ? [] : [expected],
        `${status.content as string}`,
      );
    }
    assert.equal(res.list.length, cases.length);
  });

  test('posts filtered by id, spoiler text and poll options; boosts carry the match', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const writer = await person(w);
    await act(reader, `/api/v1/accounts/${writer.account.id}/follow`);
    const byId = await say(writer, 'nothing special');
    const cw = await say(writer, 'hidden text', { spoiler_text: 'Spiders inside' });
    const poll = await say(writer, 'vote', {
      poll: { options: ['pizza', 'broccoli'], expires_in: 3600 },
    });
    const filterId = await makeFilter(reader, {
      context: ['home'],
      keywords: [
        { keyword: 'spiders', whole_word: true },
        { keyword: 'broccoli', whole_word: true },
      ],
    });
    const held = await reader.api.post(`/api/v2/filters/${filterId}/statuses`, {
      status_id: byId,
    });
    assert.equal(held.status, 200);
    const booster = await person(w);
    const boost = (await act(booster, `/api/v1/statuses/${byId}/reblog`)).body.id as string;
    await runJobs(w);
    const list = (await reader.api.get('/api/v1/timelines/home')).list;
    const matchOf = (id: string) =>
      (list.find((s) => s.id === id)!.filtered as Record<string, unknown>[]).map((f) => [
        f.keyword_matches,
        f.status_matches,
      ]);
    assert.deepEqual(matchOf(cw), [[['Spiders'], null]]);
    assert.deepEqual(matchOf(poll), [[['broccoli'], null]]);
    assert.deepEqual(matchOf(byId), [[null, [byId]]]);
    // A boost is matched by the boosted post's id, and so is the boosted post inside it.
    const boostJson = (await reader.api.get(`/api/v1/statuses/${boost}`)).body;
    assert.deepEqual(
      (boostJson.filtered as Record<string, unknown>[]).map((f) => f.status_matches),
      [[byId]],
    );
    const boosted = boostJson.reblog as Record<string, unknown>;
    assert.equal((boosted.filtered as unknown[]).length, 1);
  });

  test('an expired filter no longer applies; expires_in counts from its creation', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const writer = await person(w);
    await act(reader, `/api/v1/accounts/${writer.account.id}/follow`);
    await makeFilter(reader, {
      context: ['home'],
      filter_action: 'hide',
      expires_in: 1800,
      keywords: [{ keyword: 'launch' }],
    });
    const post = await say(writer, 'launch day');
    assert.deepEqual(await home(w, reader), []);
    w.clock.advance(1799_000);
    assert.deepEqual(await home(w, reader), []);
    w.clock.advance(2_000);
    assert.deepEqual(await home(w, reader), [post]);
    // The expired filter is still listed, with its expiry.
    const filters = (await reader.api.get('/api/v2/filters')).list;
    assert.equal(filters.length, 1);
  });
});

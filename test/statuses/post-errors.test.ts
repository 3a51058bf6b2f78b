import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IdGenerator } from '../../src/core/ids.ts';
import { isUniqueViolation } from '../../src/db/database.ts';
import { postStatus } from '../../src/domain/statuses/create-status.ts';
import type { NewStatus } from '../../src/domain/statuses/draft.ts';
import { updateSettings } from '../../src/domain/instance/settings.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, post, posted, relate } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

/** Every table a post writes to; a refused post must leave each as it was. */
const tables = [
  'statuses',
  'conversations',
  'mentions',
  'tags',
  'statuses_tags',
  'polls',
  'scheduled_statuses',
  'idempotency_keys',
  'status_edits',
];

async function snapshot(w: TestWoolly, accountId: string) {
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await countRows(w, table);
  const account = await w.deps.db.get<{ statuses_count: number; last_status_at: number | null }>(
    'SELECT statuses_count, last_status_at FROM accounts WHERE id = ?',
    [accountId],
  );
  return { counts, account: { ...account } };
}

const inMinutes = (w: TestWoolly, minutes: number) =>
  new Date(w.clock.now() + minutes * 60_000).toISOString();

forEachDatabase((kind) => {
  test('refused posts answer with Mastodon’s status and error, and leave nothing behind', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const hidden = await posted(w, bob.token, { status: 'followers only', visibility: 'private' });
    await w.deps.db.run(
      "INSERT INTO tags (id, name, usable, created_at, updated_at) VALUES ('1', 'Banned', ?, 0, 0), ('2', 'forbidden', ?, 0, 0)",
      [false, false],
    );
    const poll = (extra: Record<string, unknown>) => ({
      status: 'which?',
      poll: { options: ['a', 'b'], expires_in: 3600, ...extra },
    });
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['no text', {}, 422, "Validation failed: Text can't be blank"],
      ['blank text', { status: '  \n ' }, 422, "Validation failed: Text can't be blank"],
      [
        'a poll is no text',
        { poll: { options: ['a', 'b'], expires_in: 3600 } },
        422,
        "Validation failed: Text can't be blank",
      ],
      [
        'too long',
        { status: 'x'.repeat(501) },
        422,
        'Validation failed: Text character limit of 500 exceeded',
      ],
      [
        'content warning counts',
        { status: 'x'.repeat(490), spoiler_text: 'y'.repeat(11) },
        422,
        'Validation failed: Text character limit of 500 exceeded',
      ],
      [
        'a poll of one option',
        poll({ options: ['a'] }),
        422,
        'Validation failed: Poll options must have more than one item',
      ],
      [
        'blank options are dropped first',
        poll({ options: ['a', ' '] }),
        422,
        'Validation failed: Poll options must have more than one item',
      ],
      [
        'too many options',
        poll({ options: ['a', 'b', 'c', 'd', 'e'] }),
        422,
        "Validation failed: Poll options can't contain more than 4 items",
      ],
      [
        'too long an option',
        poll({ options: ['a', 'b'.repeat(51)] }),
        422,
        'Validation failed: Poll options cannot be longer than 50 characters each',
      ],
      [
        'duplicate options',
        poll({ options: ['a', 'a'] }),
        422,
        'Validation failed: Poll options contain duplicate items',
      ],
      [
        'a poll ending too soon',
        poll({ expires_in: 299 }),
        422,
        'Validation failed: Poll expires at is too soon',
      ],
      [
        'a poll ending too late',
        poll({ expires_in: 2_629_747 }),
        422,
        'Validation failed: Poll expires at is too far into the future',
      ],
      [
        'a poll without an end',
        poll({ expires_in: '' }),
        422,
        "Validation failed: Poll expires at can't be blank",
      ],
      [
        'every problem of a poll, in Mastodon’s order',
        { status: '', poll: { options: [], expires_in: 60 } },
        422,
        "Validation failed: Text can't be blank, Poll options can't be blank, Poll options must have more than one item, Poll expires at is too soon",
      ],
      [
        'a reply to a post one cannot see',
        { status: 'hi', in_reply_to_id: hidden.id },
        404,
        'The post you are trying to reply to does not appear to exist.',
      ],
      [
        'a reply to nothing',
        { status: 'hi', in_reply_to_id: '1' },
        404,
        'The post you are trying to reply to does not appear to exist.',
      ],
      [
        'a reply to a malformed id',
        { status: 'hi', in_reply_to_id: 'nope' },
        404,
        'The post you are trying to reply to does not appear to exist.',
      ],
      [
        'a quote of a post one cannot see',
        { status: 'hi', quoted_status_id: hidden.id },
        404,
        'The post you are trying to quote does not appear to exist.',
      ],
      [
        'unknown media',
        { status: 'hi', media_ids: ['123', '456'] },
        422,
        'Media 123, 456 not found or already attached to another post',
      ],
      [
        'too much media',
        { status: 'hi', media_ids: ['1', '2', '3', '4', '5'] },
        422,
        'Cannot attach more than 4 files',
      ],
      [
        'an unknown visibility',
        { status: 'hi', visibility: 'everyone' },
        422,
        'Validation failed: Visibility is not included in the list',
      ],
      [
        'a disallowed hashtag',
        { status: '#banned #fine' },
        422,
        'Validation failed: Text contained a disallowed hashtag: Banned',
      ],
      [
        'disallowed hashtags',
        { status: '#BANNED #Forbidden' },
        422,
        'Validation failed: Text contained the disallowed hashtags: Banned, forbidden',
      ],
      [
        'scheduled too soon',
        { status: 'soon', scheduled_at: inMinutes(w, 4) },
        422,
        'Validation failed: Scheduled at date must be in the future',
      ],
      ['an unreadable time', { status: 'when?', scheduled_at: 'soon' }, 422, 'Record invalid'],
      [
        'a scheduled post that could not be posted',
        { status: '', scheduled_at: inMinutes(w, 60) },
        422,
        'Record invalid',
      ],
    ];
    const before = await snapshot(w, alice.account.id);
    for (const [name, body, status, error] of cases) {
      const res = await post(w, alice.token, body);
      assert.deepEqual(res, { status, body: { error } }, name);
    }
    assert.deepEqual(await snapshot(w, alice.account.id), before);
  });

  test('the character limit is the instance’s, and a URL counts 23 characters', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const url = `https://example.com/${'a'.repeat(200)}`;
    assert.equal((await post(w, alice.token, { status: `${'x'.repeat(476)} ${url}` })).status, 200);
    assert.equal((await post(w, alice.token, { status: `${'x'.repeat(477)} ${url}` })).status, 422);
    // Graphemes, not code units: a family emoji is one character.
    assert.equal((await post(w, alice.token, { status: '👨‍👩‍👧‍👦'.repeat(500) })).status, 200);
    await updateSettings(w.deps, { max_status_characters: 10 });
    assert.deepEqual(await post(w, alice.token, { status: 'x'.repeat(11) }), {
      status: 422,
      body: { error: 'Validation failed: Text character limit of 10 exceeded' },
    });
    assert.equal((await post(w, alice.token, { status: 'x'.repeat(10) })).status, 200);
    const instance = await w.request('/api/v2/instance');
    const json = (await instance.json()) as {
      configuration: { statuses: { max_characters: number; characters_reserved_per_url: number } };
    };
    assert.equal(json.configuration.statuses.max_characters, 10);
    assert.equal(json.configuration.statuses.characters_reserved_per_url, 23);
  });

  test('a time already past posts at once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const res = await post<{ content: string }>(w, alice.token, {
      status: 'now',
      scheduled_at: inMinutes(w, -1),
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.content, '<p>now</p>');
    assert.equal(await countRows(w, 'scheduled_statuses'), 0);
  });

  test('a private mention may quote only its own author or a mentioned account', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    const quoted = await posted(w, bob.token, { status: 'quote me' });
    assert.deepEqual(
      await post(w, alice.token, {
        status: '@carol look',
        visibility: 'direct',
        quoted_status_id: quoted.id,
      }),
      {
        status: 422,
        body: {
          error: 'Validation failed: Cannot quote a non-mentioned user in a Private Mention post.',
        },
      },
    );
    const ok = await post(w, alice.token, {
      status: '@bob look',
      visibility: 'direct',
      quoted_status_id: quoted.id,
    });
    assert.equal(ok.status, 200);
  });

  test('nothing is half-written when the transaction fails midway', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const parent = await posted(w, bob.token, { status: 'parent' });
    await relate(w, alice.token, bob.account.id, 'follow');
    const before = await snapshot(w, alice.account.id);
    await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    // Every id the same: the status, its conversation and poll go in, then its two mentions
    // collide with each other and the write fails.
    const stuck = w.deps.ids.next();
    const ids = { next: () => stuck } as unknown as IdGenerator;
    const input: NewStatus = {
      text: 'hi @bob @carol #tag',
      spoilerText: null,
      sensitive: null,
      visibility: null,
      language: null,
      inReplyToId: parent.id,
      quotedStatusId: null,
      quoteApprovalPolicy: null,
      mediaIds: null,
      poll: { options: ['a', 'b'], expiresIn: 600, multiple: false, hideTotals: false },
      scheduledAt: null,
      contentType: null,
      localOnly: null,
      allowedMentions: null,
      applicationId: null,
      idempotencyKey: 'key',
    };
    await assert.rejects(
      postStatus({ ...w.deps, ids }, { account: alice.account, user: alice.user }, input),
      isUniqueViolation,
    );
    assert.deepEqual(await snapshot(w, alice.account.id), before);
    const reread = await w.deps.db.get<{ replies_count: number }>(
      'SELECT replies_count FROM statuses WHERE id = ?',
      [parent.id],
    );
    assert.equal(Number(reread?.replies_count), 0);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, get, post, posted, relate } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function users(w: TestWoolly) {
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  return { alice, bob };
}

forEachDatabase((kind) => {
  test('a post is rendered to Mastodon HTML with its mentions, hashtags and links', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const status = await posted(w, alice.token, {
      status:
        'Hi @bob and @bob@woolly.test! #Woolly <b>x</b> @nobody@else.example\nhttps://example.com/a',
      language: 'de',
    });
    assertEntity(status, 'Status');
    assert.equal(
      status.content,
      '<p>Hi <span class="h-card" translate="no"><a href="https://woolly.test/@bob" class="u-url mention">@<span>bob</span></a></span>' +
        ' and <span class="h-card" translate="no"><a href="https://woolly.test/@bob" class="u-url mention">@<span>bob</span></a></span>!' +
        ' <a href="https://woolly.test/tags/Woolly" class="mention hashtag" rel="tag">#<span>Woolly</span></a>' +
        ' &lt;b&gt;x&lt;/b&gt; @nobody@else.example<br />' +
        '<a href="https://example.com/a" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="">example.com/a</span><span class="invisible"></span></a></p>',
    );
    assert.deepEqual(status.mentions, [
      { id: bob.account.id, username: 'bob', url: 'https://woolly.test/@bob', acct: 'bob' },
    ]);
    assert.deepEqual(status.tags, [{ name: 'woolly', url: 'https://woolly.test/tags/woolly' }]);
    assert.equal(status.language, 'de');
    assert.equal(status.visibility, 'public');
    assert.equal(status.uri, `https://woolly.test/users/alice/statuses/${status.id}`);
    assert.equal(status.url, `https://woolly.test/@alice/${status.id}`);
    assert.deepEqual(status.application, { name: 'Test app', website: null });
    assert.equal(status.account.id, alice.account.id);
    assert.equal(status.favourited, false);
    assert.equal(status.pinned, false);
    assert.equal(await countRows(w, 'mentions'), 1);
    assert.equal(await countRows(w, 'statuses_tags'), 1);
    const tag = await w.deps.db.get<{ name: string }>('SELECT name FROM tags');
    assert.equal(tag?.name, 'woolly');

    // Anonymous readers get no viewer fields and no pin.
    const anonymous = await get<Record<string, unknown>>(w, `/api/v1/statuses/${status.id}`);
    assert.equal(anonymous.status, 200);
    assertEntity(anonymous.body, 'Status');
    for (const key of ['favourited', 'reblogged', 'muted', 'bookmarked', 'pinned', 'filtered']) {
      assert.equal(key in anonymous.body, false, key);
    }
  });

  test('posting moves the counters: posts and last post of the author, replies of the parent', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const parent = await posted(w, alice.token, { status: 'parent' });
    await posted(w, bob.token, { status: 'public reply', in_reply_to_id: parent.id });
    await posted(w, bob.token, {
      status: 'quiet reply',
      in_reply_to_id: parent.id,
      visibility: 'unlisted',
    });
    // Mastodon counts only public and unlisted replies, and no direct message at all.
    await posted(w, bob.token, {
      status: 'private reply',
      in_reply_to_id: parent.id,
      visibility: 'private',
    });
    await posted(w, bob.token, {
      status: '@alice direct',
      in_reply_to_id: parent.id,
      visibility: 'direct',
    });
    const reread = await get<{ replies_count: number }>(
      w,
      `/api/v1/statuses/${parent.id}`,
      alice.token,
    );
    assert.equal(reread.body.replies_count, 2);
    const account = await get<AccountJson>(w, `/api/v1/accounts/${bob.account.id}`);
    assert.equal(account.body.statuses_count, 3);
    assert.equal(account.body.last_status_at, '2026-11-01');
  });

  test('a reply carries the thread: conversation, addressee, and the addressee of a self-reply', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const root = await posted(w, alice.token, { status: 'root' });
    const answer = await posted(w, bob.token, { status: 'answer', in_reply_to_id: root.id });
    const more = await posted(w, bob.token, { status: 'more', in_reply_to_id: answer.id });
    assert.equal(answer.in_reply_to_account_id, alice.account.id);
    // Bob answering himself still answers Alice (Mastodon's carried-over addressee).
    assert.equal(more.in_reply_to_id, answer.id);
    assert.equal(more.in_reply_to_account_id, alice.account.id);
    const conversations = await w.deps.db.all<{ conversation_id: string | number }>(
      'SELECT DISTINCT conversation_id FROM statuses',
    );
    assert.equal(conversations.length, 1);
  });

  test('defaults: a locked account posts to followers, a content warning alone gets a body', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await users(w);
    await w.deps.db.run('UPDATE accounts SET locked = ? WHERE id = ?', [true, alice.account.id]);
    const locked = await posted(w, alice.token, { status: 'hello' });
    assert.equal(locked.visibility, 'private');
    assert.equal(locked.language, 'en');
    const warned = await posted(w, alice.token, { spoiler_text: 'cw', visibility: 'public' });
    assert.equal(warned.content, '<p>.</p>');
    assert.equal(warned.spoiler_text, 'cw');
    assert.equal(warned.sensitive, true);
    const unknownLanguage = await posted(w, alice.token, { status: 'x', language: 'xx-YY' });
    assert.equal(unknownLanguage.language, 'en');
    const regional = await posted(w, alice.token, { status: 'x', language: 'pt-BR' });
    assert.equal(regional.language, 'pt');
  });

  test('form parameters are read as Rails reads them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await users(w);
    const form = new URLSearchParams([
      ['status', 'form post'],
      ['sensitive', '1'],
      ['visibility', 'unlisted'],
      ['poll[options][]', 'yes'],
      ['poll[options][]', 'no'],
      ['poll[expires_in]', '600'],
      ['poll[multiple]', 'true'],
    ]);
    const res = await w.request('/api/v1/statuses', {
      method: 'POST',
      token: alice.token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    assert.equal(res.status, 200);
    const status = (await res.json()) as {
      sensitive: boolean;
      visibility: string;
      poll: { multiple: boolean; options: { title: string }[]; expires_at: string };
    };
    assert.equal(status.sensitive, true);
    assert.equal(status.visibility, 'unlisted');
    assert.equal(status.poll.multiple, true);
    assert.deepEqual(
      status.poll.options.map((o) => o.title),
      ['yes', 'no'],
    );
    assert.equal(status.poll.expires_at, new Date(w.clock.now() + 600_000).toISOString());
  });

  test('Markdown posts are rendered as Markdown, still linking mentions and tags', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice } = await users(w);
    const status = await posted(w, alice.token, {
      status: '**bold** for @bob #tag <script>x</script>',
      content_type: 'text/markdown',
    });
    assert.match(status.content!, /<strong>bold<\/strong>/);
    assert.match(status.content!, /class="u-url mention"/);
    assert.match(status.content!, /class="mention hashtag"/);
    assert.doesNotMatch(status.content!, /<script>/);
    const source = await get<{ text: string; content_type: string }>(
      w,
      `/api/v1/statuses/${status.id}/source`,
      alice.token,
    );
    assert.deepEqual(source.body, {
      id: status.id,
      text: '**bold** for @bob #tag <script>x</script>',
      spoiler_text: '',
      content_type: 'text/markdown',
    });
    const refused = await post(w, alice.token, { status: 'x', content_type: 'text/html' });
    assert.equal(refused.status, 422);
    assert.deepEqual(refused.body, {
      error: 'Validation failed: Content type is not included in the list',
    });
  });

  test('local-only posts (glitch-soc) are seen only by signed-in local accounts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const flagged = await posted(w, alice.token, { status: 'just us', local_only: true });
    const marked = await posted(w, alice.token, { status: 'also just us 👁' });
    const open = await posted(w, alice.token, { status: 'everyone' });
    assert.equal(flagged.local_only, true);
    assert.equal(marked.local_only, true);
    assert.equal(open.local_only, false);
    assert.equal((await get(w, `/api/v1/statuses/${flagged.id}`)).status, 404);
    assert.equal((await get(w, `/api/v1/statuses/${flagged.id}`, bob.token)).status, 200);
    // A reply to a local-only post stays local too.
    const reply = await posted(w, bob.token, { status: 'sure', in_reply_to_id: flagged.id });
    assert.equal(reply.local_only, true);
  });

  test('mentions of accounts the author blocks, or of suspended ones, stay text', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    await relate(w, alice.token, bob.account.id, 'block');
    await w.deps.db.run('UPDATE accounts SET suspended_at = ? WHERE id = ?', [1, carol.account.id]);
    const status = await posted(w, alice.token, { status: 'hi @bob @carol' });
    assert.deepEqual(status.mentions, []);
    assert.equal(status.content, '<p>hi @bob @carol</p>');
  });

  test('allowed_mentions refuses a post that would reach someone else', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob } = await users(w);
    const res = await post<{ error: string; unexpected_accounts: AccountJson[] }>(w, alice.token, {
      status: 'hi @bob',
      allowed_mentions: [],
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error, 'Post would be sent to unexpected accounts');
    assert.deepEqual(
      res.body.unexpected_accounts.map((a) => a.id),
      [bob.account.id],
    );
    assert.equal(await countRows(w, 'statuses'), 0);
    const allowed = await post(w, alice.token, {
      status: 'hi @bob',
      allowed_mentions: [bob.account.id],
    });
    assert.equal(allowed.status, 200);
  });

  test('posting needs a user token with write:statuses', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await makeUserWithToken(w.deps, { scopes: ['read'] });
    assert.deepEqual(await post(w, reader.token, { status: 'x' }), {
      status: 403,
      body: { error: 'This action is outside the authorized scopes' },
    });
    const granular = await makeUserWithToken(w.deps, { scopes: ['write:statuses'] });
    assert.equal((await post(w, granular.token, { status: 'x' })).status, 200);
    const res = await w.request('/api/v1/statuses', { method: 'POST', json: { status: 'x' } });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'The access token is invalid' });
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  insertAccount,
  updateAccount,
  type AccountRecord,
} from '../../src/db/repositories/accounts.ts';
import { updateUser } from '../../src/db/repositories/users.ts';
import type { Deps } from '../../src/domain/context.ts';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAccount, makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

/** An account of another server, as federation would have stored it. */
async function remoteAccount(deps: Deps, username: string, domain: string) {
  const uri = `https://${domain}/users/${username}`;
  const account: AccountRecord = {
    id: deps.ids.next(),
    username,
    domain,
    displayName: 'Remote Bob',
    note: '<p>Hello from afar</p>',
    noteSource: '',
    fields: [{ name: 'Site', value: '<a href="https://b.example">b</a>', verified_at: null }],
    locked: false,
    bot: false,
    actorType: 'Group',
    discoverable: true,
    indexable: true,
    hideCollections: null,
    memorial: false,
    uri,
    url: `https://${domain}/@${username}`,
    inboxUrl: `${uri}/inbox`,
    outboxUrl: null,
    sharedInboxUrl: null,
    followersUrl: null,
    followingUrl: null,
    featuredUrl: null,
    publicKey: '',
    privateKey: null,
    avatarRemoteUrl: `https://${domain}/avatar.png`,
    headerRemoteUrl: null,
    alsoKnownAs: [],
    movedToAccountId: null,
    statusesCount: 3,
    followersCount: 2,
    followingCount: 1,
    lastStatusAt: Date.UTC(2026, 9, 30, 18, 45),
    suspendedAt: null,
    silencedAt: null,
    sensitizedAt: null,
    fetchedAt: deps.clock.now(),
    createdAt: Date.UTC(2020, 0, 2, 3, 4, 5),
    updatedAt: deps.clock.now(),
  };
  await insertAccount(deps.db, account);
  return account;
}

const show = (w: TestWoolly, id: string, token?: string) =>
  w.request(`/api/v1/accounts/${id}`, { token });
const lookup = (w: TestWoolly, query: string, token?: string) =>
  w.request(`/api/v1/accounts/lookup${query}`, { token });

forEachDatabase((kind) => {
  test('GET /api/v1/accounts/:id shows a local account to anyone', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account } = await makeAccount(w.deps, { username: 'alice' });
    const res = await show(w, account.id);
    assert.equal(res.status, 200);
    const body = await res.json();
    assertEntity(body, 'Account');
    assert.deepEqual(body, {
      id: account.id,
      username: 'alice',
      acct: 'alice',
      display_name: '',
      locked: false,
      bot: false,
      discoverable: null,
      indexable: false,
      group: false,
      created_at: '2026-11-01T00:00:00.000Z',
      note: '',
      url: 'https://woolly.test/@alice',
      uri: 'https://woolly.test/users/alice',
      avatar: 'https://woolly.test/avatars/original/missing.png',
      avatar_static: 'https://woolly.test/avatars/original/missing.png',
      header: 'https://woolly.test/headers/original/missing.png',
      header_static: 'https://woolly.test/headers/original/missing.png',
      followers_count: 0,
      following_count: 0,
      statuses_count: 0,
      last_status_at: null,
      hide_collections: null,
      noindex: false,
      emojis: [],
      roles: [],
      fields: [],
    });
    // A signed-in app sees the same; the token needs read or read:accounts.
    const reader = await makeUserWithToken(w.deps, { scopes: ['read:accounts'] });
    assert.deepEqual(await (await show(w, account.id, reader.token)).json(), body);
    const app = await makeAppToken(w.deps, ['read']);
    assert.equal((await show(w, account.id, app.token)).status, 200);
    const writer = await makeUserWithToken(w.deps, { scopes: ['write'] });
    const refused = await show(w, account.id, writer.token);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), {
      error: 'This action is outside the authorized scopes',
    });
  });

  test('unknown, malformed and not-yet-visible accounts are 404 Record not found', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account: unconfirmed } = await makeAccount(w.deps, { confirmed: false });
    const { account: pending } = await makeAccount(w.deps, { approved: false });
    for (const id of [
      '123456',
      'abc',
      '-1',
      '99999999999999999999999',
      unconfirmed.id,
      pending.id,
    ]) {
      const res = await show(w, id);
      assert.equal(res.status, 404, id);
      assert.deepEqual(await res.json(), { error: 'Record not found' });
    }
  });

  test('suspended, limited, memorial and moved accounts show what Mastodon shows', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account: target } = await makeAccount(w.deps, { username: 'newhome' });
    const { account: moved } = await makeAccount(w.deps);
    await updateAccount(w.deps.db, moved.id, { movedToAccountId: target.id, memorial: true });
    let body = await (await show(w, moved.id)).json();
    assertEntity(body, 'Account');
    assert.equal(body.moved.id, target.id);
    assert.equal(body.moved.moved, undefined);
    assert.equal(body.memorial, true);

    const { account: gone, user } = await makeUserWithToken(w.deps, {
      account: { role: 'Moderator' },
    });
    await updateAccount(w.deps.db, gone.id, {
      suspendedAt: w.clock.now(),
      silencedAt: w.clock.now(),
      displayName: 'Hidden',
      note: '<p>hidden</p>',
      locked: true,
    });
    await updateUser(w.deps.db, user.id, { settings: { noindex: true } });
    body = await (await show(w, gone.id)).json();
    assertEntity(body, 'Account');
    assert.equal(body.suspended, true);
    assert.equal(body.limited, true);
    assert.equal(body.display_name, '');
    assert.equal(body.note, '');
    assert.equal(body.locked, false);
    assert.deepEqual(body.roles, []);
    assert.equal(body.noindex, true);
  });

  test('remote accounts: full acct, their own images, no roles or noindex', async (t) => {
    const w = await startTestWoolly(t, kind);
    const bob = await remoteAccount(w.deps, 'bob', 'remote.example');
    const body = await (await show(w, bob.id)).json();
    assertEntity(body, 'Account');
    assert.equal(body.acct, 'bob@remote.example');
    assert.equal(body.group, true);
    assert.equal(body.avatar, 'https://remote.example/avatar.png');
    assert.equal(body.header, 'https://woolly.test/headers/original/missing.png');
    assert.equal(body.created_at, '2020-01-02T00:00:00.000Z');
    assert.equal(body.last_status_at, '2026-10-30');
    assert.equal(body.note, '<p>Hello from afar</p>');
    assert.equal('roles' in body, false);
    assert.equal('noindex' in body, false);
  });

  test('GET /api/v1/accounts/lookup finds accounts by address', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account: alice } = await makeAccount(w.deps, { username: 'alice' });
    const bob = await remoteAccount(w.deps, 'bob', 'remote.example');
    for (const acct of ['alice', '@alice', 'ALICE', 'alice@woolly.test', '@alice@woolly.test']) {
      const res = await lookup(w, `?acct=${encodeURIComponent(acct)}`);
      assert.equal(res.status, 200, acct);
      const body = await res.json();
      assertEntity(body, 'Account');
      assert.equal(body.id, alice.id);
    }
    const remote = await (await lookup(w, '?acct=bob@remote.example')).json();
    assert.equal(remote.id, bob.id);
    for (const query of ['', '?acct=', '?acct=carol', '?acct=bob@elsewhere.example']) {
      const res = await lookup(w, query);
      assert.equal(res.status, 404, query);
      assert.deepEqual(await res.json(), { error: 'Record not found' });
    }
    const writer = await makeUserWithToken(w.deps, { scopes: ['write'] });
    assert.equal((await lookup(w, '?acct=alice', writer.token)).status, 403);
  });

  test('custom emojis of a profile travel with the account', async (t) => {
    const w = await startTestWoolly(t, kind);
    await addCustomEmoji(w.deps, {
      shortcode: 'blobcat',
      imageUrl: 'https://woolly.test/emoji/blobcat.png',
      staticUrl: 'https://woolly.test/emoji/blobcat-static.png',
      category: 'Blobs',
    });
    await addCustomEmoji(w.deps, {
      shortcode: 'unused',
      imageUrl: 'https://woolly.test/emoji/unused.png',
      staticUrl: 'https://woolly.test/emoji/unused.png',
    });
    const { account, token } = await makeUserWithToken(w.deps);
    await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      json: { display_name: 'Cat :blobcat:', note: 'not:blobcat:glued' },
    });
    const body = await (await show(w, account.id)).json();
    assertEntity(body, 'Account');
    assert.deepEqual(body.emojis, [
      {
        shortcode: 'blobcat',
        url: 'https://woolly.test/emoji/blobcat.png',
        static_url: 'https://woolly.test/emoji/blobcat-static.png',
        visible_in_picker: true,
      },
    ]);
  });
});

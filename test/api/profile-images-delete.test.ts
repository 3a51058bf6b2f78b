/**
 * `DELETE /api/v1/profile/avatar` and `/header` on both databases: the image goes back to the
 * default, its stored file is removed unless another account shares it, the profile change is
 * announced (`account.updated`), deleting twice answers 200, and the token needs its scope.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { jpeg } from '../media/samples.ts';
import { pathOf } from '../media/upload.ts';

type CredentialJson = AccountJson & { source?: unknown; error?: string };

async function setImages(w: TestWoolly, token: string, images: Record<string, Buffer>) {
  const form = new FormData();
  for (const [key, bytes] of Object.entries(images)) {
    form.set(key, new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), `${key}.jpg`);
  }
  const res = await w.request('/api/v1/accounts/update_credentials', {
    method: 'PATCH',
    token,
    body: form,
  });
  const body = (await res.json()) as CredentialJson;
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}

async function remove(w: TestWoolly, which: 'avatar' | 'header', token?: string) {
  const res = await w.request(`/api/v1/profile/${which}`, { method: 'DELETE', token });
  return { status: res.status, body: (await res.json()) as CredentialJson };
}

const fileStatus = async (w: TestWoolly, url: string) => (await w.request(pathOf(url))).status;

forEachDatabase((kind) => {
  test('deleting the avatar and header restores the defaults and removes the files', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);
    const set = await setImages(w, token, {
      avatar: await jpeg(500, 500),
      header: await jpeg(1600, 600),
    });
    assert.equal(await fileStatus(w, set.avatar), 200);
    assert.equal(await fileStatus(w, set.header), 200);
    const updated: string[] = [];
    w.deps.events.on('account.updated', (e) => void updated.push(e.accountId));

    const noAvatar = await remove(w, 'avatar', token);
    assert.equal(noAvatar.status, 200, JSON.stringify(noAvatar.body));
    assert.equal(noAvatar.body.id, account.id);
    assert.ok(noAvatar.body.source, 'a CredentialAccount has source');
    assert.equal(noAvatar.body.avatar, 'https://woolly.test/avatars/original/missing.png');
    assert.equal(noAvatar.body.avatar_static, noAvatar.body.avatar);
    assert.equal(noAvatar.body.header, set.header);
    assert.equal(await fileStatus(w, set.avatar), 404);
    assert.deepEqual(updated, [account.id]);

    const noHeader = await remove(w, 'header', token);
    assert.equal(noHeader.status, 200);
    assert.equal(noHeader.body.header, 'https://woolly.test/headers/original/missing.png');
    assert.equal(noHeader.body.header_static, noHeader.body.header);
    assert.equal(await fileStatus(w, set.header), 404);
    assert.deepEqual(updated, [account.id, account.id]);

    // Public views agree; deleting again answers 200 and announces nothing.
    const shown = (await (await w.request(`/api/v1/accounts/${account.id}`)).json()) as AccountJson;
    assert.equal(shown.avatar, noAvatar.body.avatar);
    assert.equal(shown.header, noHeader.body.header);
    for (const which of ['avatar', 'header'] as const) {
      const again = await remove(w, which, token);
      assert.equal(again.status, 200);
      assert.match(again.body[which], /\/original\/missing\.png$/);
    }
    assert.equal(updated.length, 2);
  });

  test('update_credentials announces a new avatar once, with or without other changes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);
    const updated: string[] = [];
    w.deps.events.on('account.updated', (e) => void updated.push(e.accountId));
    await setImages(w, token, { avatar: await jpeg(420, 420) });
    assert.deepEqual(updated, [account.id]);
    const form = new FormData();
    form.set('display_name', 'Alice B.');
    form.set('header', new Blob([new Uint8Array(await jpeg(1500, 500))]), 'header.jpg');
    const res = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      body: form,
    });
    assert.equal(res.status, 200);
    assert.deepEqual(updated, [account.id, account.id]);
  });

  test('a file another account shares stays; the token needs write:accounts', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps);
    const bob = await makeUserWithToken(w.deps, { scopes: ['write:accounts'] });
    const bytes = await jpeg(450, 450);
    const a = await setImages(w, alice.token, { avatar: bytes });
    const b = await setImages(w, bob.token, { avatar: bytes });
    assert.equal(a.avatar, b.avatar, 'the same content is stored once');

    const removed = await remove(w, 'avatar', bob.token);
    assert.equal(removed.status, 200);
    assert.match(removed.body.avatar, /missing\.png$/);
    assert.equal(await fileStatus(w, a.avatar), 200);

    const unauthenticated = await remove(w, 'avatar');
    assert.equal(unauthenticated.status, 401);
    assert.equal(typeof unauthenticated.body.error, 'string');
    const readOnly = await makeUserWithToken(w.deps, { scopes: ['read', 'follow'] });
    const refused = await remove(w, 'header', readOnly.token);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { error: 'This action is outside the authorized scopes' });
    const forAlice = await remove(w, 'avatar', readOnly.token);
    assert.equal(forAlice.status, 403);
    const me = await w.request('/api/v1/accounts/verify_credentials', { token: alice.token });
    assert.equal(((await me.json()) as AccountJson).avatar, a.avatar);
  });
});

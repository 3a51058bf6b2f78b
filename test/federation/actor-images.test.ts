/**
 * A local account's uploaded avatar and header are published in its actor document as
 * Mastodon publishes them (`icon` and `image`, Images with their media type, at the addresses
 * the API gives), and an account without them publishes neither.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { jpeg } from '../media/samples.ts';
import { getActivityJson, startFederatedWoolly } from './helpers.ts';

forEachDatabase((kind) => {
  test("the actor publishes the account's uploaded avatar and header", async (t) => {
    const w = await startFederatedWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);

    const before = await getActivityJson(w, `/users/${account.username}`);
    assert.equal(before.status, 200);
    assert.equal(before.body.icon, undefined);
    assert.equal(before.body.image, undefined);

    const form = new FormData();
    form.set('avatar', new Blob([new Uint8Array(await jpeg(400, 400))]), 'avatar.jpg');
    form.set('header', new Blob([new Uint8Array(await jpeg(1500, 500))]), 'header.jpg');
    const res = await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      body: form,
    });
    const credentials = (await res.json()) as AccountJson;
    assert.equal(res.status, 200, JSON.stringify(credentials));

    const after = await getActivityJson(w, `/users/${account.username}`);
    assert.deepEqual(after.body.icon, {
      type: 'Image',
      mediaType: 'image/jpeg',
      url: credentials.avatar,
    });
    assert.deepEqual(after.body.image, {
      type: 'Image',
      mediaType: 'image/jpeg',
      url: credentials.header,
    });
  });
});

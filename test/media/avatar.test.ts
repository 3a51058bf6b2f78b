/**
 * Avatars and headers through update_credentials, on both databases: cropped to Mastodon's
 * sizes, shown in the Account JSON, stored once, the old file removed when replaced, and a
 * refused request changing nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { jpeg, png } from './samples.ts';
import { pathOf } from './upload.ts';

async function updateCredentials(
  w: TestWoolly,
  token: string,
  fields: Record<string, Buffer | string>,
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') form.set(key, value);
    else form.set(key, new Blob([new Uint8Array(value)], { type: 'image/png' }), `${key}.png`);
  }
  const res = await w.request('/api/v1/accounts/update_credentials', {
    method: 'PATCH',
    token,
    body: form,
  });
  return { status: res.status, body: (await res.json()) as AccountJson & { error?: string } };
}

async function imageSize(w: TestWoolly, url: string) {
  const res = await w.request(pathOf(url));
  assert.equal(res.status, 200);
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return `${meta.width}x${meta.height}`;
}

forEachDatabase((kind) => {
  test('an uploaded avatar and header are cropped and shown', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps);
    const { status, body } = await updateCredentials(w, token, {
      avatar: await jpeg(800, 600),
      header: await jpeg(3000, 2000),
      display_name: 'Alice',
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.display_name, 'Alice');
    assert.match(body.avatar, /^https:\/\/woolly\.test\/system\/media\/.+\.jpeg$/);
    assert.equal(body.avatar_static, body.avatar);
    assert.match(body.header, /^https:\/\/woolly\.test\/system\/media\/.+\.jpeg$/);
    assert.equal(await imageSize(w, body.avatar), '400x400');
    assert.equal(await imageSize(w, body.header), '1500x500');
    const shown = await w.request(`/api/v1/accounts/${account.id}`);
    assert.equal(((await shown.json()) as AccountJson).avatar, body.avatar);

    // A new avatar replaces the old file; a transparent one stays PNG.
    const old = body.avatar;
    const next = await updateCredentials(w, token, { avatar: await png(500, 500) });
    assert.match(next.body.avatar, /\.png$/);
    assert.equal(next.body.header, body.header);
    assert.equal((await w.request(pathOf(old))).status, 404);
  });

  test('a refused profile change stores no image; a bad image changes nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const refused = await updateCredentials(w, token, {
      avatar: await jpeg(300, 300),
      display_name: 'x'.repeat(31),
    });
    assert.equal(refused.status, 422);
    const notImage = await updateCredentials(w, token, {
      avatar: Buffer.from('not an image at all, just some words'),
      display_name: 'Changed',
    });
    assert.equal(notImage.status, 422);
    const me = await w.request('/api/v1/accounts/verify_credentials', { token });
    const body = (await me.json()) as AccountJson;
    assert.match(body.avatar, /missing\.png$/);
    assert.notEqual(body.display_name, 'Changed');
    const rows = await w.deps.db.all('SELECT id FROM accounts WHERE avatar_key IS NOT NULL');
    assert.equal(rows.length, 0);
  });
});

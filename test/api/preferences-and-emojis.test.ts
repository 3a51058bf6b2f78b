import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('GET /api/v1/preferences: Mastodon’s defaults, then what the user chose', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps);
    const res = await w.request('/api/v1/preferences', { token });
    assert.equal(res.status, 200);
    let body = await res.json();
    assertEntity(body, 'Preferences');
    assert.deepEqual(body, {
      'posting:default:visibility': 'public',
      'posting:default:sensitive': false,
      'posting:default:language': null,
      'posting:default:quote_policy': 'public',
      'reading:expand:media': 'default',
      'reading:expand:spoilers': false,
    });

    // A locked account posts to followers unless it chose otherwise.
    await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      json: { locked: true, source: { sensitive: true, language: 'fr' } },
    });
    body = await (await w.request('/api/v1/preferences', { token })).json();
    assert.equal(body['posting:default:visibility'], 'private');
    assert.equal(body['posting:default:sensitive'], true);
    assert.equal(body['posting:default:language'], 'fr');
    await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token,
      json: { source: { privacy: 'unlisted', language: '' } },
    });
    body = await (await w.request('/api/v1/preferences', { token })).json();
    assert.equal(body['posting:default:visibility'], 'unlisted');
    assert.equal(body['posting:default:language'], null);
  });

  test('preferences need read or read:accounts and a user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const granular = await makeUserWithToken(w.deps, { scopes: ['read:accounts'] });
    assert.equal((await w.request('/api/v1/preferences', { token: granular.token })).status, 200);
    const profile = await makeUserWithToken(w.deps, { scopes: ['profile'] });
    const res = await w.request('/api/v1/preferences', { token: profile.token });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'This action is outside the authorized scopes' });
    assert.equal((await w.request('/api/v1/preferences')).status, 401);
    const app = await makeAppToken(w.deps, ['read']);
    assert.equal((await w.request('/api/v1/preferences', { token: app.token })).status, 422);
  });

  test('GET /api/v1/custom_emojis lists the pickable local emojis, with categories', async (t) => {
    const w = await startTestWoolly(t, kind);
    assert.deepEqual(await (await w.request('/api/v1/custom_emojis')).json(), []);
    const emoji = (shortcode: string, extra = {}) =>
      addCustomEmoji(w.deps, {
        shortcode,
        imageUrl: `https://woolly.test/emoji/${shortcode}.gif`,
        staticUrl: `https://woolly.test/emoji/${shortcode}.png`,
        ...extra,
      });
    await emoji('zebra');
    await emoji('blobcat', { category: 'Blobs' });
    await emoji('secret', { visibleInPicker: false });
    await assert.rejects(emoji('blobcat'), {
      status: 422,
      message: /Shortcode has already been taken/,
    });
    await assert.rejects(emoji('no spaces'), { status: 422 });

    const res = await w.request('/api/v1/custom_emojis');
    assert.equal(res.status, 200);
    const list = await res.json();
    for (const item of list) assertEntity(item, 'CustomEmoji');
    assert.deepEqual(list, [
      {
        shortcode: 'blobcat',
        url: 'https://woolly.test/emoji/blobcat.gif',
        static_url: 'https://woolly.test/emoji/blobcat.png',
        visible_in_picker: true,
        category: 'Blobs',
      },
      {
        shortcode: 'zebra',
        url: 'https://woolly.test/emoji/zebra.gif',
        static_url: 'https://woolly.test/emoji/zebra.png',
        visible_in_picker: true,
      },
    ]);
  });
});

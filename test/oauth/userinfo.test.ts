import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('/oauth/userinfo tells a profile-scoped app who signed in', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token, account } = await makeUserWithToken(w.deps, {
      scopes: ['profile'],
      account: { username: 'erin' },
    });
    await updateAccount(w.deps.db, account.id, { displayName: 'Erin E.' });
    for (const method of ['GET', 'POST']) {
      const res = await w.request('/oauth/userinfo', { method, token });
      assert.equal(res.status, 200, method);
      const info = (await res.json()) as Record<string, string>;
      assert.deepEqual(Object.keys(info), [
        'iss',
        'sub',
        'name',
        'preferred_username',
        'profile',
        'picture',
      ]);
      assert.equal(info.iss, 'https://woolly.test/');
      assert.equal(info.sub, 'https://woolly.test/users/erin');
      assert.equal(info.name, 'Erin E.');
      assert.equal(info.preferred_username, 'erin');
      assert.equal(info.profile, 'https://woolly.test/@erin');
      assert.match(info.picture!, /^https:\/\/woolly\.test\/.+\.png$/);
    }
  });

  test('/oauth/userinfo needs the profile scope itself, and a user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps, { scopes: ['read', 'write'] });
    const broad = await w.request('/oauth/userinfo', { token });
    assert.equal(broad.status, 403);
    assert.deepEqual(await broad.json(), { error: 'This action is outside the authorized scopes' });
    const { token: appOnly } = await makeAppToken(w.deps, ['profile']);
    const noUser = await w.request('/oauth/userinfo', { token: appOnly });
    assert.equal(noUser.status, 422);
    const none = await w.request('/oauth/userinfo');
    assert.equal(none.status, 401);
  });
});

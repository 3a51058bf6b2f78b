import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vacuumSignIns } from '../../src/domain/oauth/vacuum.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { approve, authorizePath, registerApp, signedInBrowser, tokenRequest } from './support.ts';

forEachDatabase((kind) => {
  test('the vacuum removes dead tokens, old codes and expired sessions, nothing alive', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const client = { client_id: app.client_id, client_secret: app.client_secret };
    const browser = await signedInBrowser(w, user.email);
    const code = (await approve(browser, authorizePath(app))).searchParams.get('code')!;
    const password = async () =>
      (await (
        await tokenRequest(w, {
          grant_type: 'password',
          username: user.email,
          password: 'password123',
          ...client,
        })
      ).json()) as { access_token: string };
    const kept = await password();
    const revoked = await password();
    await w.request('/oauth/revoke', {
      method: 'POST',
      json: { ...client, token: revoked.access_token },
    });

    assert.deepEqual(await vacuumSignIns(w.deps), { tokens: 1, grants: 0, sessions: 0 });
    // A day and ten minutes later the unused code is gone; a month later, the session.
    w.clock.advance(24 * 60 * 60 * 1000 + 10 * 60 * 1000);
    assert.deepEqual(await vacuumSignIns(w.deps), { tokens: 0, grants: 1, sessions: 0 });
    const late = await tokenRequest(w, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: app.redirect_uris[0]!,
      ...client,
    });
    assert.equal((await late.json()).error, 'invalid_grant');
    w.clock.advance(30 * 24 * 60 * 60 * 1000);
    assert.deepEqual(await vacuumSignIns(w.deps), { tokens: 0, grants: 0, sessions: 1 });
    const alive = await w.request('/api/v1/apps/verify_credentials', { token: kept.access_token });
    assert.equal(alive.status, 200);
  });
});

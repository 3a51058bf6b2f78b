/**
 * A stream ends when its token does: revoking the token through POST /oauth/revoke closes the
 * WebSocket and SSE streams opened with it within one check; other streams stay. Scaled out,
 * the token is revoked through the web process and the streams close in the streaming one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueAccessToken } from '../../src/domain/oauth/tokens.ts';
import { makeAccount, makeApplication } from '../helpers/factories.ts';
import { forEachShape, openSocket, person, startStreamingWoolly, subscribed } from './helpers.ts';

forEachShape((shape) => {
  test('revoking a token closes its streams', async (t) => {
    const w = await startStreamingWoolly(t, shape, { tokenCheckMs: 50 });
    const { account } = await makeAccount(w.deps);
    const { application, clientSecret } = await makeApplication(w.deps);
    const issued = await issueAccessToken(w.deps, {
      applicationId: application.id,
      accountId: account.id,
      scopes: ['read'],
    });
    const other = await person(w);
    const doomed = await openSocket(w, `?stream=public&access_token=${issued.accessToken}`);
    const kept = await openSocket(w, `?stream=public&access_token=${other.token}`);
    const sse = await fetch(`${w.streamingBase}/api/v1/streaming/public`, {
      headers: { authorization: `Bearer ${issued.accessToken}` },
    });
    assert.equal(sse.status, 200);
    await subscribed(w, 'public', 3);
    const closed = new Promise<void>((resolve) => doomed.socket.once('close', () => resolve()));

    const revoke = await fetch(`${w.base}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: application.clientId,
        client_secret: clientSecret,
        token: issued.accessToken,
      }),
    });
    assert.equal(revoke.status, 200, await revoke.text());
    await closed;
    // The SSE body ends.
    const text = await sse.text();
    assert.ok(text.startsWith(':)'));
    assert.equal(w.streaming.hub.clientCount, 1);
    assert.equal(kept.socket.readyState, kept.socket.OPEN);
    kept.close();
  });
});

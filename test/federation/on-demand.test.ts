import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayBeForFedify } from '../../src/federation/hono.ts';
import { startTestWoolly } from '../helpers/woolly.ts';

test('Fedify is loaded by the first request that may be its own, not by start-up or the API', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  assert.throws(() => w.federation, /not loaded yet/);
  assert.equal((await w.request('/health')).status, 200);
  assert.equal((await w.request('/api/v1/instance')).status, 200);
  assert.equal((await w.request('/.well-known/host-meta')).status, 200);
  assert.throws(() => w.federation, /not loaded yet/);
  const webfinger = await w.request('/.well-known/webfinger?resource=acct:nobody@woolly.test');
  assert.equal(webfinger.status, 404);
  assert.ok(w.federation);
  assert.equal(await w.loadFederation(), w.federation);
});

test('which requests may be for Fedify, judged without it', () => {
  const req = (path: string, init: RequestInit = {}) =>
    mayBeForFedify(new Request(`https://woolly.test${path}`, init));
  const ap = { accept: 'application/activity+json' };
  assert.equal(req('/users/alice', { headers: ap }), true);
  assert.equal(req('/users/alice', { headers: { accept: 'text/html, application/json' } }), false);
  assert.equal(req('/users/alice'), false);
  assert.equal(req('/api/v1/accounts/1', { headers: { accept: 'application/json' } }), false);
  assert.equal(req('/.well-known/webfinger?resource=acct:a@woolly.test'), true);
  assert.equal(req('/.well-known/host-meta'), false);
  assert.equal(req('/nodeinfo/2.1'), true);
  assert.equal(req('/inbox', { method: 'POST', body: '{}' }), true);
  const activity = { 'content-type': 'application/activity+json' };
  assert.equal(req('/users/alice/inbox', { method: 'POST', headers: activity, body: '{}' }), true);
  assert.equal(req('/auth/sign_in', { method: 'POST', body: 'a=b' }), false);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestWoolly } from '../helpers/woolly.ts';

test('browser clients on other origins may call the API and read Link headers', async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const preflight = await w.request('/api/v1/apps', {
    method: 'OPTIONS',
    headers: {
      origin: 'https://elk.zone',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  const res = await w.request('/api/v1/instance', { headers: { origin: 'https://elk.zone' } });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /Link/);
});

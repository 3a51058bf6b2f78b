import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('GET /health answers OK while the database answers, 503 when it is gone', async (t) => {
    const w = await startTestWoolly(t, kind);
    const ok = await w.request('/health');
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), 'OK');
    await w.deps.db.close();
    const down = await w.request('/health');
    assert.equal(down.status, 503);
  });

  test('unknown API routes answer Mastodon\u2019s JSON 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const res = await w.request('/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: 'Not Found' });
  });
});

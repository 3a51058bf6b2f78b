/**
 * `woolly trends`: requiring review, approving a tag and listing the ranking from the command
 * line (SQLite only, few runs: each starts a process).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refreshTrends } from '../../src/domain/trends/refresh.ts';
import { trendingTags } from '../../src/domain/trends/read.ts';
import { trendSettingsOf } from '../../src/domain/trends/review.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';

test('woolly trends review on, approve tag, list tags', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const w = await inspect(t, db);
  for (let i = 0; i < 2; i++) {
    const { token } = await makeUserWithToken(w.deps);
    const res = await w.http.request('https://woolly.test/api/v1/statuses', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'about #sheep' }),
    });
    assert.equal(res.status, 200);
  }
  await refreshTrends(w.deps);
  const page = { offset: 0, limit: 10 };
  assert.equal((await trendingTags(w.deps, null, page)).length, 1);

  const review = await runWoolly(db, ['trends', 'review', 'on']);
  assert.equal(review.code, 0, review.stderr);
  assert.deepEqual(review.lines, ['trends on, review required']);
  assert.deepEqual(await trendSettingsOf(w.deps), { enabled: true, requireReview: true });
  assert.deepEqual(await trendingTags(w.deps, null, page), []);

  const approve = await runWoolly(db, ['trends', 'approve', 'tag', '#sheep']);
  assert.equal(approve.code, 0, approve.stderr);
  assert.deepEqual(
    (await trendingTags(w.deps, null, page)).map((tag) => tag.name),
    ['sheep'],
  );
  const list = await runWoolly(db, ['trends', 'list', 'tags']);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.lines[0]!, /^1\. #sheep {2}score \d+\.\d\d {2}approved$/);
});

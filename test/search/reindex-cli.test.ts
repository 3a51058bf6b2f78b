/**
 * `woolly search reindex` rebuilds the post index from the posts, run as an operator runs
 * it, against a database whose index was emptied.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import type { Woolly } from '../../src/app.ts';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { searchStatuses } from '../../src/domain/search/statuses-search.ts';
import { postStatus } from '../../src/domain/statuses/create-status.ts';

async function post(w: Woolly, author: AccountRecord, text: string): Promise<string> {
  const result = await postStatus(
    w.deps,
    { account: author, user: null },
    {
      text,
      spoilerText: null,
      sensitive: null,
      visibility: 'public',
      language: 'en',
      inReplyToId: null,
      quotedStatusId: null,
      quoteApprovalPolicy: null,
      mediaIds: null,
      poll: null,
      scheduledAt: null,
      contentType: null,
      localOnly: null,
      allowedMentions: null,
      applicationId: null,
      idempotencyKey: null,
    },
  );
  if (result.kind !== 'status') throw new Error('expected a status');
  return result.status.id;
}

forEachDatabase((kind) => {
  test('search reindex fills an emptied index again', async (t) => {
    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    const alice = (await makeAccount(w.deps, { username: 'alice' })).account;
    const first = await post(w, alice, 'penguins on ice');
    const second = await post(w, alice, 'more penguins');
    await w.deps.db.run('DELETE FROM status_search');
    const find = () =>
      searchStatuses(w.deps, alice, 'penguins', {
        accountId: null,
        maxId: null,
        minId: null,
        limit: 20,
        offset: 0,
      });
    assert.deepEqual(await find(), []);

    const run = await runWoolly(db, ['search', 'reindex']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, ['OK: indexed 2 posts']);
    assert.deepEqual(
      (await find()).map((s) => s.id),
      [second, first],
    );
    const wrong = await runWoolly(db, ['search', 'rebuild']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown action "rebuild"/);
  });
});

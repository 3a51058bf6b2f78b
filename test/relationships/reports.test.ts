import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import { insertRule } from '../../src/db/repositories/rules.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, post, recordEvents, remoteAccount } from './helpers.ts';

async function rule(w: TestWoolly, text: string, deleted = false): Promise<string> {
  const id = w.deps.ids.next();
  const now = w.clock.now();
  await insertRule(w.deps.db, {
    id,
    text,
    hint: '',
    position: 0,
    createdAt: now,
    updatedAt: now,
    deletedAt: deleted ? now : null,
  });
  return id;
}

async function reportCount(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports');
  return Number(row?.n);
}

forEachDatabase((kind) => {
  test('reporting an account and its posts answers the Report', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const spammer = await person(w);
    const first = await post(w, spammer, 'buy now');
    const second = await post(w, spammer, 'buy more');
    const created = recordEvents(w, 'report.created');

    const res = await alice.api.post('/api/v1/reports', {
      account_id: spammer.account.id,
      status_ids: [first.id, second.id],
      comment: 'Spam account',
      category: 'spam',
    });
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Report');
    assert.equal(res.body.action_taken, false);
    assert.equal(res.body.action_taken_at, null);
    assert.equal(res.body.category, 'spam');
    assert.equal(res.body.comment, 'Spam account');
    assert.equal(res.body.forwarded, false);
    assert.deepEqual(res.body.status_ids, [first.id, second.id]);
    assert.equal(res.body.rule_ids, null);
    assert.equal(res.body.created_at, new Date(w.clock.now()).toISOString());
    assert.equal((res.body.target_account as { id: string }).id, spammer.account.id);
    assert.deepEqual(created, [
      { reportId: res.body.id, accountId: alice.account.id, targetAccountId: spammer.account.id },
    ]);
  });

  test('naming rules makes a violation; the rules must all be in force', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const kind1 = await rule(w, 'Be kind');
    const kind2 = await rule(w, 'No spam');
    const old = await rule(w, 'Retired', true);

    const res = await alice.api.post('/api/v1/reports', {
      account_id: bob.account.id,
      rule_ids: [kind1, kind2],
      category: 'other',
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.category, 'violation');
    assert.deepEqual(res.body.rule_ids, [kind1, kind2]);

    for (const body of [
      { rule_ids: [kind1, old] },
      { rule_ids: ['12345'] },
      { category: 'violation' },
    ]) {
      const bad = await alice.api.post('/api/v1/reports', { account_id: bob.account.id, ...body });
      assert.equal(bad.status, 422, JSON.stringify(body));
      assert.deepEqual(bad.body, {
        error: 'Validation failed: Rule ids does not reference valid rules',
      });
    }
    assert.equal(await reportCount(w), 1);
  });

  test('bad reports are refused with Mastodon’s answers and write nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const carol = await person(w);
    const bobsSecret = await post(w, bob, 'followers only', { visibility: 'private' });
    const carols = await post(w, carol, 'not bob’s');

    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 404, 'Record not found'],
      [{ account_id: '987654321' }, 404, 'Record not found'],
      [{ account_id: bob.account.id, status_ids: [bobsSecret.id] }, 404, 'Record not found'],
      [{ account_id: bob.account.id, status_ids: [carols.id] }, 404, 'Record not found'],
      [{ account_id: bob.account.id, status_ids: ['x'] }, 404, 'Record not found'],
      [
        { account_id: bob.account.id, comment: 'x'.repeat(1001) },
        422,
        'Validation failed: Comment is too long (maximum is 1000 characters)',
      ],
      [
        { account_id: bob.account.id, category: 'rude' },
        422,
        'Validation failed: Category is not included in the list',
      ],
    ];
    for (const [body, status, error] of cases) {
      const res = await alice.api.post('/api/v1/reports', body);
      assert.equal(res.status, status, JSON.stringify(body).slice(0, 80));
      assert.deepEqual(res.body, { error });
    }
    await updateAccount(w.deps.db, carol.account.id, { suspendedAt: w.clock.now() });
    const suspended = await alice.api.post('/api/v1/reports', { account_id: carol.account.id });
    assert.equal(suspended.status, 404);
    assert.equal(await reportCount(w), 0);

    // A follower may report the followers-only post.
    await alice.api.post(`/api/v1/accounts/${bob.account.id}/follow`);
    const ok = await alice.api.post('/api/v1/reports', {
      account_id: bob.account.id,
      status_ids: [bobsSecret.id],
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.category, 'other');
  });

  test('forwarding is kept for remote accounts only', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const remote = await remoteAccount(w);
    const far = await alice.api.post('/api/v1/reports', { account_id: remote.id, forward: true });
    assert.equal(far.body.forwarded, true);
    const near = await alice.api.post('/api/v1/reports', {
      account_id: bob.account.id,
      forward: 'true',
    });
    assert.equal(near.body.forwarded, false);
  });

  test('reports need write:reports and a user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const bob = await person(w);
    const writer = await person(w, { scopes: ['write:statuses'] });
    const res = await writer.api.post('/api/v1/reports', { account_id: bob.account.id });
    assert.equal(res.status, 403);
    const reporter = await person(w, { scopes: ['write:reports'] });
    assert.equal(
      (await reporter.api.post('/api/v1/reports', { account_id: bob.account.id })).status,
      200,
    );
  });
});

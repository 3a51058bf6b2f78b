/**
 * The scaled-out shape as an operator runs it: separate `bin/woolly` processes on PostgreSQL
 * and Redis (one web, one streaming, two workers on different queues, two schedulers), and
 * the same streaming check on one `woolly start` process (the embedded shape).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWoolly, type Woolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { cliEnv } from '../helpers/cli.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis-jobs.ts';
import { testConfig } from '../helpers/woolly.ts';
import { freePort, spawnWoolly, streamingSmoke, type WoollyProcess } from './cluster.ts';

/** Two accounts with tokens, made through an in-process Woolly that runs no role. */
async function twoUsers(db: TestDatabase, env: Record<string, string>) {
  const woolly = await createWoolly(testConfig(db, env), {
    log: memoryLogger('warn'),
    roles: { http: false, streaming: false, workers: false, scheduler: false },
  });
  const reader = await makeUserWithToken(woolly.deps);
  const author = await makeUserWithToken(woolly.deps);
  return { woolly, tokens: { reader: reader.token, author: author.token } };
}

test('separate web, streaming, worker and scheduler processes on PostgreSQL and Redis', async (t) => {
  const db = await createTestDatabase('postgres');
  const [webPort, streamingPort] = [await freePort(), await freePort()];
  const domain = `127.0.0.1:${webPort}`;
  const env = {
    LOCAL_DOMAIN: domain,
    LOCAL_HTTPS: 'false',
    BIND: '127.0.0.1',
    REDIS_URL: testRedisUrl,
    LOG_LEVEL: 'info',
  };
  const processes: WoollyProcess[] = [];
  const opened: { client?: Woolly } = {};
  const start = (name: string, args: string[], port = webPort) => {
    const p = spawnWoolly(
      name,
      args,
      cliEnv(db, { ...env, PORT: String(port), WOOLLY_TEST_JOBS: '1' }),
      db.dataDir,
    );
    processes.push(p);
    return p;
  };
  t.after(async () => {
    await Promise.all(processes.map((p) => p.kill9()));
    await opened.client?.close();
    await deleteKeys(testRedisUrl, `woolly:${domain}`);
    await db.drop();
  });

  // All start at once, as an operator's process manager would: the database is migrated
  // already (and migrating takes PostgreSQL's advisory lock, so concurrent starts are safe).
  const web = start('web', ['web', '--no-streaming']);
  const streaming = start('streaming', ['streaming'], streamingPort);
  const workerA = start('worker A', ['worker', '--queues', 'default,push', '--concurrency', '3']);
  const workerB = start('worker B', [
    'worker',
    '--queues',
    'ingress,pull,mailers,scheduler,default',
  ]);
  const schedulers = [start('scheduler 1', ['scheduler']), start('scheduler 2', ['scheduler'])];
  const [users] = await Promise.all([
    twoUsers(db, env).then((made) => ((opened.client = made.woolly), made)),
    ...[web, streaming, workerA, workerB, ...schedulers].map((p) =>
      p.line(/Woolly is (listening|running)/, 90_000),
    ),
  ]);
  const tokens = users.tokens;

  // The web process does not serve streaming; the streaming process serves nothing else.
  assert.equal((await fetch(`http://${domain}/api/v1/streaming/health`)).status, 404);
  const health = await fetch(`http://127.0.0.1:${streamingPort}/api/v1/streaming/health`);
  assert.equal(await health.text(), 'OK');
  assert.equal(
    (await fetch(`http://127.0.0.1:${streamingPort}/api/v1/timelines/public`)).status,
    404,
  );

  const frame = await streamingSmoke(`http://${domain}`, `ws://127.0.0.1:${streamingPort}`, tokens);
  assert.match(frame.payload, /across processes/);

  // The recurring heartbeat (every second) runs once per period with two schedulers.
  const beats = () => [workerB.lines].flat().filter((l) => l.message === 'test heartbeat ran');
  await workerB.line(/test heartbeat ran/, 10_000);
  const first = beats().length;
  const from = Date.now();
  while (beats().length < first + 3) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (Date.now() - from) / 1000;
  assert.ok(seconds > 2, `3 more heartbeats came in ${seconds} s: more than one per period`);
  // Each period's run has its own id (the scheduler's and the period's): none ran twice.
  const ids = beats().map((l) => String(l.id));
  assert.equal(new Set(ids).size, ids.length, ids.join(', '));

  // A worker killed with SIGKILL in the middle of a job loses nothing: the other runs it.
  await users.woolly.jobs.enqueue('default', 'test.sleep', { ms: 1500, tag: 'kill-me' });
  const runner = await Promise.race(
    [workerA, workerB].map(async (w) => (await w.line(/test job started/, 15_000), w)),
  );
  const survivor = runner === workerA ? workerB : workerA;
  await runner.kill9();
  const finished = await survivor.line(/test job finished/, 20_000);
  assert.equal(finished.tag, 'kill-me');
  assert.equal(finished.pid, survivor.child.pid);

  // SIGTERM drains and exits 0; a second signal during the drain exits at once.
  assert.equal(await web.stop(), 0);
  await users.woolly.jobs.enqueue('default', 'test.sleep', { ms: 60_000, tag: 'long' });
  await survivor.line((l) => l.message === 'test job started' && l.tag === 'long', 15_000);
  survivor.child.kill('SIGTERM');
  await survivor.line(/shutting down/);
  const stoppedAt = Date.now();
  survivor.child.kill('SIGTERM');
  assert.equal(await survivor.exited, 1);
  assert.ok(Date.now() - stoppedAt < 5000, 'the second signal did not wait for the job');
});

test('the same streaming check in the single-process shape (woolly start, embedded)', async (t) => {
  const db = await createTestDatabase('sqlite');
  const port = await freePort();
  const env = { LOCAL_DOMAIN: `127.0.0.1:${port}`, LOCAL_HTTPS: 'false', BIND: '127.0.0.1' };
  const woolly = spawnWoolly(
    'start',
    ['start'],
    cliEnv(db, { ...env, PORT: String(port), WOOLLY_TEST_JOBS: '1' }),
    db.dataDir,
  );
  const opened: { client?: Woolly } = {};
  t.after(async () => {
    await woolly.kill9();
    await opened.client?.close();
    await db.drop();
  });
  const [users] = await Promise.all([
    twoUsers(db, env).then((made) => ((opened.client = made.woolly), made)),
    woolly.line(/Woolly is listening/),
  ]);
  const tokens = users.tokens;
  const frame = await streamingSmoke(`http://127.0.0.1:${port}`, `ws://127.0.0.1:${port}`, tokens);
  assert.match(frame.payload, /across processes/);

  // SIGTERM lets the running job finish, then exits 0.
  await users.woolly.jobs.enqueue('default', 'test.sleep', { ms: 1500, tag: 'drain' });
  await woolly.line(/test job started/, 15_000);
  assert.equal(await woolly.stop(), 0);
  assert.ok(woolly.lines.some((l) => l.message === 'test job finished' && l.tag === 'drain'));
});

/**
 * The content cache retention on a seeded instance: N remote posts (one in ten favourited by
 * a local user, so kept), then the clock moved past the period and the removal timed: posts
 * removed per second and CPU time per post, on SQLite or PostgreSQL. Prints figures; nothing
 * passes or fails.
 *
 * Usage: node bench/media-content-retention.ts [posts=2000] [sqlite|postgres]
 */
import { createWoolly } from '../src/app.ts';
import { ManualClock } from '../src/core/clock.ts';
import { removeOldRemoteStatuses } from '../src/domain/remote-media/status-retention.ts';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.ts';
import { makeAccount } from '../test/helpers/factories.ts';
import { testConfig } from '../test/helpers/woolly.ts';
import { remoteAccount, remotePost } from '../test/media/remote-woolly.ts';
import { fixed, loadAverage } from './stats.ts';

const count = Number(process.argv[2] ?? 2000);
const kind = (process.argv[3] ?? 'sqlite') as DatabaseKind;
const day = 24 * 3600_000;
const db = await createTestDatabase(kind);
const clock = new ManualClock(Date.UTC(2026, 0, 1));
const woolly = await createWoolly(testConfig(db, { LOG_LEVEL: 'warn' }), { clock });
try {
  const deps = woolly.deps;
  const { account: local } = await makeAccount(deps);
  const author = await remoteAccount(deps);
  for (let i = 0; i < count; i++) {
    const status = await remotePost(deps, author, {
      content: `<p>post ${i}</p>`,
      tagNames: ['bench'],
    });
    if (i % 10 === 0) {
      await deps.db.run(
        'INSERT INTO favourites (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)',
        [deps.ids.next(), local.id, status.id, clock.now()],
      );
    }
  }
  clock.advance(31 * day);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const removed = await removeOldRemoteStatuses(deps, { days: 30 });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`content cache retention on ${kind}: ${count} remote posts, 1 in 10 favourited`);
  console.log(
    `  removed ${removed.statuses} in ${fixed(seconds, 2)} s: ${fixed(removed.statuses / seconds, 0)} posts/s, ${fixed((used.user + used.system) / 1000 / removed.statuses, 2)} ms CPU each (this process)`,
  );
  console.log(`  load average ${loadAverage()}`);
} finally {
  await woolly.close();
  await db.drop();
}

/**
 * A job thread's writer, for test/db/sqlite-write-lock.test.ts: opens the SQLite file it is
 * given, takes part in the main thread's write lock and holds a write transaction open for
 * `holdMs` (telling the main thread once it holds it); with `die`, it exits while holding it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../src/db/sqlite.ts';
import { useWriteLock } from '../../src/db/sqlite-write-lock.ts';

const { path, lock, holdMs, die } = workerData as {
  path: string;
  lock: SharedArrayBuffer;
  holdMs: number;
  die: boolean;
};
useWriteLock(lock);
const db = openSqlite(path);
await db.transaction(async (tx) => {
  await tx.run("INSERT INTO t (who) VALUES ('thread')");
  parentPort!.postMessage('holding');
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  if (die) process.exit(0);
});
await db.close();
parentPort!.postMessage('done');

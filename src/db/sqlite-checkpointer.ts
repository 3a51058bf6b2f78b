/**
 * Checkpoints of the SQLite file in a thread of their own, for the long-running commands.
 *
 * In WAL mode a commit appends the pages it changed to the `-wal` file; a checkpoint copies
 * them back into the database file and syncs it to disk. By default the connection whose
 * commit takes the log past 1,000 pages does that checkpoint inside its commit: one commit in
 * about a hundred took 10-30 ms instead of 0.05 ms on this machine, with that thread's event
 * loop stopped meanwhile; they were 43% of the time spent committing while activities poured in
 * (bench/inbox-stages.ts). With this checkpointer, another connection in another thread runs a
 * PASSIVE checkpoint every 100 ms (it waits for no reader or writer, and does nothing when
 * there is nothing to copy), and the writers' own automatic checkpoints move out to 10,000 pages
 * (`writerCheckpointPages`), a safety net for a checkpointer that falls behind or has stopped.
 * Processing inbound activities went from 341 to 531 per second on one thread in that
 * benchmark (commits: mean 314 to 77 us, the slowest 1% from 43% of the time to 10%).
 *
 * @example const checkpoints = startCheckpointer(path, log); ... await checkpoints.stop();
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/logger.ts';

/** The writers' own automatic checkpoint threshold (pages) while a checkpointer runs. */
export const writerCheckpointPages = 10_000;

const thread = new URL('./sqlite-checkpoint-thread.ts', import.meta.url);

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, log: Logger, intervalMs = 100): Checkpointer {
  const worker = new Worker(thread, { workerData: { path, intervalMs } });
  worker.unref();
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => log.error('the SQLite checkpoint thread failed', { error }));
  worker.on('exit', (code) => {
    if (!stopping) log.warn('the SQLite checkpoint thread stopped', { code });
  });
  return {
    async stop() {
      stopping = true;
      // Kept alive until it has ended (unreferenced, the process could exit first).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

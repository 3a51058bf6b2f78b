/**
 * Checkpoints of the SQLite file in a thread of their own while the instance is busy writing,
 * for the long-running commands.
 *
 * In WAL mode a commit appends the pages it changed to the `-wal` file; a checkpoint copies
 * them back into the database file and syncs it to disk. By default the connection whose
 * commit takes the log past 1,000 pages does that checkpoint inside its commit: one commit in
 * about a hundred took 10-30 ms instead of 0.05 ms on this machine, with that thread's event
 * loop stopped meanwhile; they were 43% of the time spent committing while activities poured in
 * (bench/inbox-stages.ts). While this process writes more than `busyPerSecond` times a second,
 * another connection in a thread of its own runs a PASSIVE checkpoint every 100 ms (it waits
 * for no reader or writer, and does nothing when there is nothing to copy), so the log never
 * reaches the writers' own threshold (4,000 pages, sqlite.ts), kept for when the thread is not
 * running.
 * Processing inbound activities went from 341 to 531 per second on one thread in that
 * benchmark (commits: mean 314 to 77 us, the slowest 1% from 43% of the time to 10%).
 *
 * The thread costs about 18 MB, so it runs only while it is needed: it starts in the second
 * after one with that many writes in this thread (the main thread, which queues every inbound
 * activity, whether or not job threads store them), and stops after `idleMs` without.
 *
 * @example const checkpoints = checkpointWhileBusy(path, log); ... await checkpoints.stop();
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../core/logger.ts';
import { sqliteWrites } from './sqlite.ts';

const thread = new URL('./sqlite-checkpoint-thread.ts', import.meta.url);

export interface Checkpointer {
  /** Whether the checkpoint thread runs now. */
  running(): boolean;
  /** Ends the thread (after a last checkpoint) and stops watching. */
  stop(): Promise<void>;
}

export interface CheckpointOptions {
  /** Writes a second in this thread that start the checkpoint thread. Default 20. */
  busyPerSecond?: number;
  /** How long without such a second before the thread stops. Default 60 s. */
  idleMs?: number;
  /** How often the thread checkpoints. Default 100 ms. */
  intervalMs?: number;
  /** How often the writes are counted. Default 1 s. */
  sampleMs?: number;
}

export function checkpointWhileBusy(
  path: string,
  log: Logger,
  options: CheckpointOptions = {},
): Checkpointer {
  const busyPerSecond = options.busyPerSecond ?? 20;
  const idleMs = options.idleMs ?? 60_000;
  const sampleMs = options.sampleMs ?? 1000;
  let worker: { stop(): Promise<void> } | null = null;
  let stopping: Promise<void> | null = null;
  let lastWrites = sqliteWrites();
  let lastBusy = 0;
  const timer = setInterval(() => {
    const writes = sqliteWrites();
    const perSecond = ((writes - lastWrites) * 1000) / sampleMs;
    lastWrites = writes;
    const now = Date.now();
    if (perSecond >= busyPerSecond) {
      lastBusy = now;
      if (!worker && !stopping) worker = startThread(path, log, options.intervalMs ?? 100);
    } else if (worker && now - lastBusy >= idleMs) {
      const ending = worker;
      worker = null;
      stopping = ending.stop().finally(() => (stopping = null));
    }
  }, sampleMs);
  timer.unref();
  return {
    running: () => worker !== null,
    async stop() {
      clearInterval(timer);
      await stopping;
      await worker?.stop();
      worker = null;
    },
  };
}

function startThread(path: string, log: Logger, intervalMs: number) {
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

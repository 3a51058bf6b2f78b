/**
 * The body of a job thread (job-threads.ts): a Woolly in the worker role on the main thread's
 * configuration, whose stream signals and log lines go to the main thread, until it is told
 * to stop (at any time, even while it starts); it then drains its running jobs and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createWoolly, type Woolly } from './app.ts';
import type { Logger, LogLevel } from './core/logger.ts';
import { useWriteLock } from './db/sqlite-write-lock.ts';
import { ThreadSignalBus } from './streaming/thread-signals.ts';
import type { JobThreadData, JobThreadMessage, MainThreadMessage } from './job-threads.ts';

const port = parentPort;
if (!port) throw new Error('job-thread-main.ts runs only as a job thread');
const data = workerData as JobThreadData;
if (data.writeLock) useWriteLock(data.writeLock);

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Log lines for the main thread's logger (errors made plain, so they can be posted). */
function postingLogger(floor: LogLevel, base: Record<string, unknown> = {}): Logger {
  const post = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (levels[level] < levels[floor]) return;
    const all: Record<string, unknown> = { ...base, ...fields };
    for (const [key, value] of Object.entries(all)) {
      if (value instanceof Error) all[key] = { message: value.message, stack: value.stack };
    }
    let plain: Record<string, unknown>;
    try {
      plain = structuredClone(all);
    } catch {
      plain = JSON.parse(JSON.stringify(all)) as Record<string, unknown>;
    }
    port!.postMessage({ log: { level, message, fields: plain } } satisfies JobThreadMessage);
  };
  return {
    debug: (m, f) => post('debug', m, f),
    info: (m, f) => post('info', m, f),
    warn: (m, f) => post('warn', m, f),
    error: (m, f) => post('error', m, f),
    child: (fields) => postingLogger(floor, { ...base, ...fields }),
  };
}

let woolly: Woolly | null = null;
/** A stop asked for before this thread's Woolly was built: done once it is. */
let stopAtStart: number | null = null;
const stop = (started: Woolly, timeoutMs: number) =>
  void started.close({ timeoutMs }).finally(() => port.close());
// Listened to from the start: besides taking a stop at any time, the listener keeps this thread
// alive while it builds its Woolly. A write at start-up (migrations, the worker id) may wait for
// the threads' write lock, and that wait (Atomics.waitAsync) holds nothing else alive: the
// thread ended with an unsettled top-level await (exit code 13) when the main thread was busy
// writing as it started.
port.on('message', (message: MainThreadMessage) => {
  if ('store' in message) return void store(message.store);
  if (woolly) stop(woolly, message.stop);
  else stopAtStart = message.stop;
});

/** Stores jobs for the main thread (jobs/store-delegate.ts), which asks only once this runs. */
async function store(asked: Extract<MainThreadMessage, { store: unknown }>['store']) {
  const { ref, queue, name, payloads, options } = asked;
  try {
    if (!woolly) throw new Error('this job thread is not running yet');
    const ids = await woolly.jobs.enqueueMany(queue, name, payloads, options);
    port!.postMessage({ stored: { ref, ids } } satisfies JobThreadMessage);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    port!.postMessage({ storeFailed: { ref, error: text } } satisfies JobThreadMessage);
  }
}

woolly = await createWoolly(data.config, {
  log: postingLogger(data.config.logLevel),
  roles: { http: false, streaming: false, workers: data.workers, scheduler: false },
  signals: new ThreadSignalBus(port),
  jobs: data.jobs,
  testJobs: data.testJobs,
});
await woolly.listen();
port.postMessage({ ready: true } satisfies JobThreadMessage);
if (stopAtStart !== null) stop(woolly, stopAtStart);

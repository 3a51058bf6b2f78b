/**
 * A real `woolly start` in a child process for the benchmarks: the same command an operator
 * runs, on a fresh test database (SQLite file or temporary PostgreSQL database), on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestDatabase } from '../test/helpers/databases.ts';

export const woollyBin = fileURLToPath(new URL('../bin/woolly', import.meta.url));
export const benchSecret = 'b'.repeat(128);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** User and system CPU seconds a process has used so far (Linux /proc; clock ticks of 10 ms). */
export function cpuTimes(pid: number): { user: number; system: number } {
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** The environment of a benchmarked Woolly: production mode, quiet logs, no `.env`. */
export function benchEnv(db: TestDatabase, port: number): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOCAL_DOMAIN: `localhost:${port}`,
    SECRET_KEY_BASE: benchSecret,
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    BIND: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    // The load generators send far more than Mastodon's 300 requests / 5 min.
    RATE_LIMITS: 'false',
    // JOB_THREADS=n in the benchmark's environment: the server's jobs run in n threads.
    ...(process.env.JOB_THREADS ? { JOB_THREADS: process.env.JOB_THREADS } : {}),
  };
}

export interface WoollyProcess {
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawning the process to the first `200 OK` from GET /health. */
  readyMs: number;
  /** Resident memory of the process now, in MiB (Linux /proc). */
  rssMiB(): number;
  stop(): Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Waits until a spawned Woolly answers `GET /health` with 200; throws when the process exits
 * first or `timeoutMs` passes (the process is then killed). `detail` adds to the message.
 */
export async function waitForHealth(
  child: ChildProcess,
  baseUrl: string,
  { timeoutMs = 60_000, detail = () => '' }: { timeoutMs?: number; detail?: () => string } = {},
): Promise<void> {
  const started = performance.now();
  while (!(await healthy(`${baseUrl}/health`))) {
    if (child.exitCode !== null) throw new Error(`woolly start exited${detail()}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`woolly start did not answer within ${timeoutMs / 1000} s${detail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts `woolly start` and resolves once GET /health answers 200. */
export async function startWoollyProcess(db: TestDatabase): Promise<WoollyProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(woollyBin, ['start'], {
    cwd: db.dataDir,
    env: benchEnv(db, port),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await waitForHealth(child, baseUrl, { detail: () => `:\n${stderr}` });
  const readyMs = performance.now() - started;
  return {
    pid: child.pid!,
    baseUrl,
    readyMs,
    rssMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? NaN);
      return kb / 1024;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

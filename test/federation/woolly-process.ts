/**
 * A Woolly as its own OS process (`bin/woolly start`), on its own loopback address under a
 * real-looking host name (`a.test` on 127.0.0.2), speaking HTTPS with a certificate from the
 * test CA. Every process of a test, this one included, reaches the others' names through the
 * test-only host map (FEDERATION_TEST_HOSTS), never DNS.
 *
 * The test drives it as a person would, over HTTPS through the Mastodon API; `admin` is an
 * in-process Woolly on the same database, not listening, for what a test sets up directly
 * (accounts and their tokens).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createWoolly, type Woolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { runInProcess } from '../helpers/cli.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../helpers/databases.ts';
import { testConfig } from '../helpers/woolly.ts';
import type { TestCertificate } from './test-ca.ts';

export interface WoollyProcess {
  host: string;
  /** https://{host} */
  base: string;
  admin: Woolly;
  /** What the process printed, for a failing test's message. */
  output: string[];
  request(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  /** Runs `woolly ARGS` on this instance (same environment, in this process); its exit code and output. */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Stops the process only (the database stays, for `stop`). */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface PlannedHost {
  host: string;
  address: string;
  port: number;
  kind: DatabaseKind;
}

/** A port free on `address` right now. */
export async function freePortOn(address: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** FEDERATION_TEST_HOSTS for a set of planned hosts. */
export function hostMap(hosts: PlannedHost[]): string {
  return hosts.map((h) => `${h.host}=${h.address}:${h.port}`).join(',');
}

const root = join(import.meta.dirname, '..', '..');

export async function startWoollyProcess(
  planned: PlannedHost,
  all: PlannedHost[],
  cert: TestCertificate,
  extraEnv: Record<string, string> = {},
): Promise<WoollyProcess> {
  const db: TestDatabase = await createTestDatabase(planned.kind);
  const env = {
    LOCAL_DOMAIN: planned.host,
    LOCAL_HTTPS: 'true',
    BIND: planned.address,
    PORT: String(planned.port),
    TLS_CERT_FILE: cert.certFile,
    TLS_KEY_FILE: cert.keyFile,
    FEDERATION_TEST_HOSTS: hostMap(all),
    LOG_LEVEL: 'info',
    ...extraEnv,
  };
  const config = testConfig(db, env);
  const processEnv = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    SECRET_KEY_BASE: config.secretKeyBase,
    DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    NODE_EXTRA_CA_CERTS: cert.caFile,
    ...env,
  };
  const child: ChildProcess = spawn(join(root, 'bin', 'woolly'), ['start'], {
    cwd: db.dataDir,
    env: processEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => output.push(chunk.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const base = `https://${planned.host}`;
  const request = async (
    path: string,
    init: RequestInit & { json?: unknown; token?: string } = {},
  ) => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return fetch(`${base}${path}`, { ...init, headers, body, redirect: 'manual' });
  };

  // Up once /health answers over HTTPS by its host name (the process migrates first).
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await request('/health').then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      await db.drop();
      throw new Error(`${planned.host} did not start:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const admin = await createWoolly(config, { migrate: false, log: memoryLogger('warn') });
  return {
    host: planned.host,
    base,
    admin,
    output,
    request,
    cli: (args) => runInProcess(args, processEnv, db.dataDir),
    async kill() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await admin.close();
      await db.drop();
    },
  };
}

/**
 * A real Woolly for tests: fresh database, real HTTP app answering in-process, real services.
 *
 * @example
 * forEachDatabase((kind) => {
 *   test('answers', async (t) => {
 *     const w = await startTestWoolly(t, kind);
 *     const res = await w.request('/health');
 *   });
 * });
 */
import { describe, type TestContext } from 'node:test';
import { buildConfig, parseEnvVars } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createWoolly, type Woolly } from '../../src/app.ts';
import { usePasswordHashCost } from '../../src/domain/accounts/password.ts';
import { usePregeneratedAccountKeys } from './account-keys.ts';
import {
  createTestDatabase,
  databaseKinds,
  type DatabaseKind,
  type TestDatabase,
} from './databases.ts';

// Every test process that makes a Woolly: accounts take pre-generated RSA keys (see there),
// and passwords are hashed with argon2id at a small cost (1 MiB, one pass).
usePregeneratedAccountKeys();
usePasswordHashCost({ memoryCost: 1024, timeCost: 1 });

export const testSecret = 'a'.repeat(128);

/** Runs `define` once per database kind, inside `describe(kind)`. */
export function forEachDatabase(define: (kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds) describe(kind, () => define(kind));
}

export function testConfig(db: TestDatabase, env: Record<string, string> = {}): Config {
  return buildConfig(
    parseEnvVars({
      NODE_ENV: 'test',
      LOCAL_DOMAIN: 'woolly.test',
      LOCAL_HTTPS: 'true',
      SECRET_KEY_BASE: testSecret,
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      // Tests send many requests from one address; test/api/rate-limit*.test.ts turn it on.
      RATE_LIMITS: 'false',
      ...env,
    }),
    db.dataDir,
  );
}

export interface TestWoolly extends Woolly {
  db: TestDatabase;
  clock: ManualClock;
  logs: string[];
  /** An in-process request; `json` bodies are sent as JSON. */
  request(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
}

/**
 * TestWoolly's `request` for the server at `base`: `path` is appended to it, a `json` body is
 * sent as JSON and a `token` as a bearer token; `send` makes the call (fetch unless given).
 */
export function requestsTo(
  base: string,
  send: (url: string, init: RequestInit) => Response | Promise<Response> = fetch,
): TestWoolly['request'] {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    return send(`${base}${path}`, { ...init, headers, body });
  };
}

/** TestWoolly's `request` for `woolly` at `base` (https://woolly.test unless told), in process. */
export function inProcessRequests(woolly: Woolly, base = 'https://woolly.test') {
  return requestsTo(base, (url, init) => woolly.http.request(url, init));
}

/** A Woolly on a fresh database, closed and dropped when the test ends. */
export async function startTestWoolly(
  t: TestContext | null,
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestWoolly> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const log = memoryLogger('debug');
  const woolly = await createWoolly(testConfig(db, env), { clock, log });
  const test: TestWoolly = Object.assign(woolly, {
    db,
    clock,
    logs: log.lines,
    request: inProcessRequests(woolly),
  });
  t?.after(async () => {
    await woolly.close();
    await db.drop();
  });
  return test;
}

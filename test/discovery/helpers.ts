/**
 * Shared by the discovery tests: a test Woolly allowed to fetch from loopback (the test-only
 * switch of federation/test-network.ts, as the federation tests use), the pull jobs run as a
 * worker would, and a small web server on loopback serving the pages links point to.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { routeTestHosts } from '../../src/federation/test-network.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { QueueName } from '../../src/core/queue.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { createTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { inProcessRequests, testConfig, type TestWoolly } from '../helpers/woolly.ts';

export async function startLoopbackWoolly(t: TestContext, kind: DatabaseKind): Promise<TestWoolly> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const log = memoryLogger('debug');
  const woolly = await createWoolly(testConfig(db), {
    clock,
    log,
    federation: { allowPrivateAddress: true },
  });
  t.after(async () => {
    await woolly.close();
    await db.drop();
  });
  return Object.assign(woolly, {
    db,
    clock,
    logs: log.lines,
    request: inProcessRequests(woolly),
  });
}

/** Runs the due jobs of `queues` on the Woolly's own runtime. */
export async function runJobsOf(w: TestWoolly, queues: QueueName[]): Promise<void> {
  await (w.jobs as EmbeddedJobs).runDue({ queues });
}

export interface TestSite {
  /** `http://<host>:port`, the host name routed to the server on loopback. */
  origin: string;
  /** `http://127.0.0.1:port`, the server's own address. */
  address: string;
  /** How many times each path was asked for. */
  hits: Map<string, number>;
}

export type Page = { type: string; body: string | Buffer } | { redirect: string };

/**
 * A web server on loopback answering `pages` by path (404 otherwise), closed after the test.
 * Posts only link names with a known top-level domain, so `host` (default `farm.example.com`)
 * is routed to the server with federation's test-only host map instead of DNS.
 */
export async function startTestSite(
  t: TestContext,
  pages: Record<string, Page>,
  host = 'farm.example.com',
): Promise<TestSite> {
  const hits = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = pages[path];
    if (!page) {
      res.writeHead(404).end();
    } else if ('redirect' in page) {
      res.writeHead(302, { location: page.redirect }).end();
    } else {
      res.writeHead(200, { 'content-type': page.type }).end(page.body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  routeTestHosts({ [host]: { address: '127.0.0.1', port } });
  return { origin: `http://${host}`, address: `http://127.0.0.1:${port}`, hits };
}

/**
 * Woollys for the federation tests: like test/helpers/woolly.ts, with the test-only
 * federation options (remote documents from fixtures, or loopback delivery), on a given
 * origin.
 */
import type { TestContext } from 'node:test';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { createWoolly, type WoollyOptions } from '../../src/app.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { createTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { runOutboxJobs } from '../helpers/jobs.ts';
import { inProcessRequests, testConfig, type TestWoolly } from '../helpers/woolly.ts';
import { fakeRemote, fixture, remoteActor, type FakeRemote } from './fake-remote.ts';

export async function startFederatedWoolly(
  t: TestContext,
  kind: DatabaseKind,
  options: { env?: Record<string, string>; woolly?: WoollyOptions; clock?: ManualClock } = {},
): Promise<TestWoolly> {
  const db = await createTestDatabase(kind);
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 10, 1, 12));
  const log = memoryLogger('debug');
  const config = testConfig(db, options.env);
  const woolly = await createWoolly(config, { clock, log, ...options.woolly });
  const send = inProcessRequests(woolly, config.baseUrl);
  const request: TestWoolly['request'] = async (path, init) => {
    const res = await send(path, init);
    // What a worker does after the answer: the action's activities are queued for delivery.
    await runOutboxJobs(federated);
    return res;
  };
  t.after(async () => {
    await woolly.close();
    await db.drop();
  });
  const federated: TestWoolly = Object.assign(woolly, { db, clock, logs: log.lines, request });
  return federated;
}

/**
 * A federated Woolly that reads remote documents from a fake remote server (fake-remote.ts),
 * with that server, and `process`: runs the waiting inbox and default jobs as a worker would.
 */
export async function startWithFakeRemote(
  t: TestContext,
  kind: DatabaseKind,
  options: { env?: Record<string, string> } = {},
): Promise<{ remote: FakeRemote; w: TestWoolly; process: () => Promise<number> }> {
  const remote = await fakeRemote();
  const w = await startFederatedWoolly(t, kind, {
    env: options.env,
    woolly: { federation: { documentLoader: remote.documentLoader } },
  });
  const process = () => (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  return { remote, w, process };
}

/** Fetches `path` as ActivityPub JSON. */
export async function getActivityJson(
  w: TestWoolly,
  path: string,
): Promise<{ status: number; body: Record<string, unknown>; vary: string | null }> {
  const res = await w.request(path, { headers: { accept: 'application/activity+json' } });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    vary: res.headers.get('vary'),
  };
}

/**
 * `token`'s user (alice) follows the fake remote actor, already known to `w`, through the API,
 * and the remote server accepts (the follow is then established once the inbox job runs).
 * Answers the remote account's id.
 */
export async function followRemoteAccepted(
  w: TestWoolly,
  remote: FakeRemote,
  token: string,
): Promise<string> {
  const account = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM accounts WHERE uri = ?',
    [remoteActor],
  );
  if (!account) throw new Error('the fake remote actor is not known yet');
  const follow = await w.request(`/api/v1/accounts/${String(account.id)}/follow`, {
    method: 'POST',
    token,
    json: {},
  });
  if (follow.status !== 200) throw new Error(`following answered ${follow.status}`);
  const accept = fixture('accept-follow.json', {
    'http://mastodon.example.org/users/admin': remoteActor,
    'http://localtesting.pleroma.lol/users/lain': `${w.config.baseUrl}/users/alice`,
    'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
  });
  const delivered = await remote.deliver(w, '/inbox', accept);
  if (delivered.status !== 202) throw new Error(`the Accept answered ${delivered.status}`);
  return String(account.id);
}

/**
 * Shared by the notification tests: people acting through the real API, running the
 * notification jobs the way the workers would, and reading notifications back.
 */
import assert from 'node:assert/strict';
import type { QueueName } from '../../src/core/queue.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { client, person, type Answer, type Person } from '../relationships/helpers.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export { client, person, type Answer, type Person };

/**
 * Runs the due jobs of `queues` on the test Woolly's own runtime (its workers are not
 * started), as a worker would: the notification jobs the events enqueued, and what follows.
 */
export async function runJobs(
  w: TestWoolly,
  queues: readonly QueueName[] = ['default'],
): Promise<number> {
  const jobs = w.jobs as Partial<EmbeddedJobs>;
  assert.ok(jobs.runDue, 'the test Woolly runs the embedded job queue');
  return jobs.runDue({ queues });
}

/** A post through POST /api/v1/statuses; fails the test unless it was made. */
export async function postStatus(
  who: Person,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: string }> {
  const res = await who.api.post('/api/v1/statuses', body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as Record<string, unknown> & { id: string };
}

/** POST `path` as `who`, failing the test unless it answers 200. */
export async function act(who: Person, path: string, body?: unknown): Promise<Answer> {
  const res = await who.api.post(path, body);
  assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
  return res;
}

export interface Seen {
  type: string;
  from: string;
  status: string | null;
}

/** The v1 notifications of `who` (after running the jobs), reduced to type, sender, status. */
export async function seen(w: TestWoolly, who: Person, query = ''): Promise<Seen[]> {
  await runJobs(w);
  const res = await who.api.get(`/api/v1/notifications${query}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.list.map((n) => ({
    type: n.type as string,
    from: (n.account as { id: string }).id,
    status: n.status ? (n.status as { id: string }).id : null,
  }));
}

/** A request with any method as `who`; answers status and JSON body. */
export async function call(
  w: TestWoolly,
  who: Person,
  method: string,
  path: string,
  json?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await w.request(path, { method, token: who.token, json: json ?? {} });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

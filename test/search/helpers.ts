/**
 * Shared by the search tests: people posting through the API, the index jobs run as a worker
 * runs them, and searches read back as lists of ids.
 */
import assert from 'node:assert/strict';
import type { TestWoolly } from '../helpers/woolly.ts';
import { call, runJobs } from '../notifications/helpers.ts';
import { client, type Person } from '../relationships/helpers.ts';

export { act, person, say } from '../timelines/helpers.ts';
export { call, runJobs };

/** Opts `who` in to having their public posts found (`indexable`). */
export async function optIn(w: TestWoolly, who: Person): Promise<void> {
  const res = await call(w, who, 'PATCH', '/api/v1/accounts/update_credentials', {
    indexable: true,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

/** GET /api/v2/search as `who` (null: anonymously), after the queued index jobs ran. */
export async function search(
  w: TestWoolly,
  who: Person | null,
  query: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  await runJobs(w);
  const api = who ? who.api : client(w);
  const res = await api.get(`/api/v2/search?${new URLSearchParams(query).toString()}`);
  return { status: res.status, body: res.body };
}

/** The ids of one kind of result. */
export async function found(
  w: TestWoolly,
  who: Person | null,
  kind: 'statuses' | 'accounts',
  query: Record<string, string>,
): Promise<string[]> {
  const res = await search(w, who, { type: kind, ...query });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return (res.body[kind] as { id: string }[]).map((x) => x.id);
}

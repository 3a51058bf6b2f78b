/** Shared by the filter tests: PUT requests and a filter made through the API. */
import assert from 'node:assert/strict';
import type { Person } from '../relationships/helpers.ts';
import type { TestWoolly } from '../helpers/woolly.ts';

export { act, client, home, person, remotePost, say, timeline } from '../timelines/helpers.ts';
export { call, runJobs, seen } from '../notifications/helpers.ts';

/** PUT `path` as `who`; answers status and JSON body. */
export async function put(
  w: TestWoolly,
  who: Person,
  path: string,
  json: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await w.request(path, { method: 'PUT', token: who.token, json });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A v2 filter of `who` through POST /api/v2/filters; answers its id. */
export async function makeFilter(
  who: Person,
  body: {
    title?: string;
    context: string[];
    filter_action?: string;
    expires_in?: number;
    keywords?: { keyword: string; whole_word?: boolean }[];
  },
): Promise<string> {
  const res = await who.api.post('/api/v2/filters', {
    title: body.title ?? 'a filter',
    context: body.context,
    filter_action: body.filter_action,
    expires_in: body.expires_in,
    keywords_attributes: body.keywords ?? [],
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.id as string;
}

/**
 * Posting and reading through the real HTTP API, for the posting tests: a test says what it
 * sends and checks what Mastodon would answer.
 */
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import type { TestWoolly } from './woolly.ts';

export interface Answer<T> {
  status: number;
  body: T;
}

async function answer<T>(res: Response): Promise<Answer<T>> {
  return { status: res.status, body: (await res.json()) as T };
}

/** POST /api/v1/statuses with a JSON body. */
export async function post<T = StatusJson>(
  w: TestWoolly,
  token: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  return answer(
    await w.request('/api/v1/statuses', { method: 'POST', token, json: body, headers }),
  );
}

/** Posts and returns the status, failing the test unless it was posted. */
export async function posted(
  w: TestWoolly,
  token: string,
  body: Record<string, unknown>,
): Promise<StatusJson> {
  const res = await post(w, token, body);
  if (res.status !== 200) throw new Error(`post failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function get<T>(w: TestWoolly, path: string, token?: string): Promise<Answer<T>> {
  return answer(await w.request(path, { token }));
}

export async function send<T>(
  w: TestWoolly,
  method: string,
  path: string,
  token: string,
  body?: Record<string, unknown>,
): Promise<Answer<T>> {
  return answer(await w.request(path, { method, token, json: body ?? {} }));
}

/** POST /api/v1/accounts/:id/{follow,block,mute,...} as `token`'s account. */
export async function relate(
  w: TestWoolly,
  token: string,
  accountId: string,
  action: 'follow' | 'unfollow' | 'block' | 'unblock' | 'mute' | 'unmute',
): Promise<void> {
  const res = await w.request(`/api/v1/accounts/${accountId}/${action}`, {
    method: 'POST',
    token,
    json: {},
  });
  if (res.status !== 200) throw new Error(`${action} failed: ${res.status} ${await res.text()}`);
}

/** How many rows `table` has (to check that a refused request left nothing behind). */
export async function countRows(w: TestWoolly, table: string): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n ?? 0);
}

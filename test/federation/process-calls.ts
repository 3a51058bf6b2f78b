/**
 * Calls to a Woolly process's Mastodon API for the two-instance tests: one answer as JSON,
 * or polling until cross-process work has shown up.
 */
import type { WoollyProcess } from './woolly-process.ts';

export interface Answer<T> {
  status: number;
  body: T;
}

export async function call<T>(
  w: WoollyProcess,
  path: string,
  init: RequestInit & { json?: unknown; token?: string } = {},
): Promise<Answer<T>> {
  const res = await w.request(path, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Polls `path` on `w` (real cross-process work) until `check` accepts its answer. */
export async function eventually<T>(
  w: WoollyProcess,
  path: string,
  token: string | undefined,
  check: (body: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: Answer<T> | undefined;
  while (Date.now() < deadline) {
    last = await call<T>(w, path, { token });
    if (last.status === 200 && check(last.body)) return last.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${w.host}${path} never matched; last: ${JSON.stringify(last)}`);
}

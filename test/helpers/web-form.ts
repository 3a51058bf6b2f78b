/**
 * A minimal browser for the server-rendered pages: keeps cookies between requests and fills
 * in the CSRF field of the last form it saw, as a real browser submitting the page would.
 */
import type { TestWoolly } from './woolly.ts';

export interface PageResult {
  status: number;
  html: string;
  headers: Headers;
}

export function webBrowser(w: TestWoolly) {
  const cookies = new Map<string, string>();
  let csrf: string | null = null;

  async function send(path: string, init: RequestInit): Promise<PageResult> {
    const headers = new Headers(init.headers);
    if (cookies.size) {
      headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await w.request(path, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const html = await res.text();
    csrf = html.match(/name="authenticity_token" value="([^"]+)"/)?.[1] ?? csrf;
    return { status: res.status, html, headers: res.headers };
  }

  return {
    cookies,
    get: (path: string) => send(path, { method: 'GET' }),
    /** Posts a form; the CSRF token of the last page is added unless `fields` has one. */
    post: (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({
          ...(csrf ? { authenticity_token: csrf } : {}),
          ...fields,
        }).toString(),
      }),
  };
}

/** The first link in `text` whose path starts with `path`, as a path with its query. */
export function linkTo(text: string, path: string): string {
  const match = text.match(
    new RegExp(`https?://[^\\s"<>]+${path.replace(/[/?]/g, '\\$&')}[^\\s"<>]*`),
  );
  if (!match) throw new Error(`no link to ${path} in:\n${text}`);
  const url = new URL(match[0].replace(/&amp;/g, '&'));
  return url.pathname + url.search;
}

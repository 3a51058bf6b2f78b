/**
 * Serves files of local media storage at `/system/<key>` (Mastodon's path), for instances
 * without a web server or CDN in front. The keys are content hashes, so a file never changes
 * under its URL: it is cached for a year as `immutable`, its ETag is its hash, and range
 * requests are answered (video players and browsers seek with them), streamed from disk. Only processed files
 * (`media/...`) are served, never an upload waiting for processing.
 */
import { Hono } from 'hono';
import { localMediaPrefix } from '../domain/media-attachments/urls.ts';
import type { AppEnv } from './mastodon/env.ts';

const servedKey = /^media\/[0-9a-f]{2}\/[0-9a-f]{2}\/([0-9a-f]{64})\.[a-z0-9]+$/;

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; null when absent or not one of these. */
export function parseRange(header: string | undefined, size: number) {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return { start, end };
}

export function mediaFileRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(`${localMediaPrefix}*`, async (c) => {
    const deps = c.var.deps;
    if (deps.config.media.storage.kind !== 'fs') return c.notFound();
    const key = new URL(c.req.url).pathname.slice(localMediaPrefix.length);
    const hash = servedKey.exec(key)?.[1];
    if (!hash) return c.notFound();
    const etag = `"${hash}"`;
    const headers = new Headers({
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
      'Accept-Ranges': 'bytes',
      'X-Content-Type-Options': 'nosniff',
    });
    if (c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
    // Streamed from disk, never read whole: a range of a large video costs only that range.
    const file = await deps.media.storage.read(key);
    if (!file) return c.notFound();
    headers.set('Content-Type', file.contentType);
    const size = file.size;
    const range = parseRange(c.req.header('range'), size);
    if (range) {
      await file.body.cancel();
      if (range.start >= size || range.start > range.end) {
        headers.set('Content-Range', `bytes */${size}`);
        return new Response(null, { status: 416, headers });
      }
      const part = await deps.media.storage.read(key, range);
      if (!part) return c.notFound();
      headers.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
      headers.set('Content-Length', String(range.end - range.start + 1));
      return new Response(part.body, { status: 206, headers });
    }
    headers.set('Content-Length', String(size));
    return new Response(file.body, { status: 200, headers });
  });
}

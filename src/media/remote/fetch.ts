/**
 * The RemoteFetcher port: remote media (attachments, avatars, headers, emojis, preview
 * images) fetched under the rules federation fetches under. Each address, redirects
 * included, is checked with Fedify's `validatePublicUrl` (the check its document loader
 * makes: no loopback, private or link-local address, http(s) only) unless the test-only
 * switch allows private addresses; at most 3 redirects; a timeout for the whole fetch; and
 * the body is counted as it arrives, so a file over the limit is dropped before it is held.
 * `download` writes the body to a file as it arrives (media, up to the video limit, is never
 * held in memory whole) and removes that file when the fetch fails; `fetch` gives it in
 * memory (web pages for preview cards, bounded small).
 */
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type {
  DownloadedFile,
  FetchedFile,
  RemoteFetcher,
} from '../../domain/media-attachments/ports.ts';
import { RemoteFetchFailed } from '../../domain/media-attachments/ports.ts';
import { saveStream, StreamTooLarge } from '../../domain/media-attachments/temp-files.ts';

export interface RemoteFetcherOptions {
  userAgent: string;
  /** Test-only (refused in production by federation/test-network.ts): loopback allowed. */
  allowPrivateAddress?: boolean;
  timeoutMs?: number;
  maxRedirects?: number;
}

export function createRemoteFetcher(options: RemoteFetcherOptions): RemoteFetcher {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 3;

  /** The final answer, redirects followed and checked, a 2xx with its body unread. */
  async function open(url: string): Promise<Response> {
    const signal = AbortSignal.timeout(timeoutMs);
    let current = url;
    for (let hop = 0; ; hop++) {
      await checkAddress(current, options.allowPrivateAddress === true);
      let response: Response;
      try {
        response = await fetch(current, {
          redirect: 'manual',
          signal,
          headers: { 'User-Agent': options.userAgent, Accept: '*/*' },
        });
      } catch (error) {
        throw new RemoteFetchFailed(`could not fetch ${current}`, false, { cause: error });
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= maxRedirects) throw new RemoteFetchFailed(`too many redirects: ${url}`, true);
        current = new URL(location, current).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        // 4xx but 429: the file is gone or refused for good; 5xx and 429 may pass.
        const permanent =
          response.status >= 400 && response.status < 500 && response.status !== 429;
        throw new RemoteFetchFailed(`${current} answered ${response.status}`, permanent);
      }
      return response;
    }
  }

  return {
    async fetch(url, { maxBytes }): Promise<FetchedFile> {
      const response = await open(url);
      return {
        body: await readBounded(response, maxBytes, response.url || url),
        contentType: type(response),
      };
    },
    async download(url, { maxBytes, path }): Promise<DownloadedFile> {
      const response = await open(url);
      const at = response.url || url;
      await refuseDeclaredOverLimit(response, maxBytes, at);
      try {
        const file = await saveStream(response.body ?? Readable.from([]), path, maxBytes);
        return { file, contentType: type(response) };
      } catch (error) {
        await rm(path, { force: true });
        if (error instanceof StreamTooLarge) {
          throw new RemoteFetchFailed(`${at} is larger than ${maxBytes} bytes`, true);
        }
        throw new RemoteFetchFailed(`could not read ${at}`, false, { cause: error });
      }
    },
  };
}

async function checkAddress(url: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) {
    const protocol = URL.canParse(url) ? new URL(url).protocol : '';
    if (protocol === 'http:' || protocol === 'https:') return;
    throw new RemoteFetchFailed(`not an http(s) URL: ${url}`, true);
  }
  // Fedify's runtime (with its certificate and logging libraries, about 20 MB) is loaded by the
  // first remote fetch, not by every start.
  const { UrlError, validatePublicUrl } = await import('@fedify/vocab-runtime');
  try {
    await validatePublicUrl(url);
  } catch (error) {
    if (error instanceof UrlError || error instanceof TypeError) {
      throw new RemoteFetchFailed(`refused address: ${url}`, true, { cause: error });
    }
    throw error;
  }
}

const type = (response: Response) => response.headers.get('content-type');

/** A body declared larger than the limit is refused before a byte of it is read. */
async function refuseDeclaredOverLimit(response: Response, maxBytes: number, url: string) {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new RemoteFetchFailed(`${url} is larger than ${maxBytes} bytes`, true);
  }
}

async function readBounded(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  await refuseDeclaredOverLimit(response, maxBytes, url);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new RemoteFetchFailed(`${url} is larger than ${maxBytes} bytes`, true);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof RemoteFetchFailed) throw error;
    throw new RemoteFetchFailed(`could not read ${url}`, false, { cause: error });
  }
  return Buffer.concat(chunks, total);
}

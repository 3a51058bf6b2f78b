/**
 * A remote media file fetched to a private temporary file (through the guarded fetcher, the
 * size limit counted as the bytes arrive), handed to `work`, and removed when `work` ends,
 * whether it succeeded or threw: remote videos are processed from disk, never held whole in
 * memory.
 *
 * @example
 * await withDownloadedFile(deps, url, maxBytes, async ({ file }) => processNow(deps, file, sniffed));
 */
import { join } from 'node:path';
import type { Deps } from '../context.ts';
import type { DownloadedFile } from '../media-attachments/ports.ts';
import { withTempDir } from '../media-attachments/temp-files.ts';

export function withDownloadedFile<T>(
  deps: Pick<Deps, 'media'>,
  url: string,
  maxBytes: number,
  work: (downloaded: DownloadedFile) => Promise<T>,
): Promise<T> {
  return withTempDir(async (dir) =>
    work(await deps.media.fetcher.download(url, { maxBytes, path: join(dir, 'remote') })),
  );
}

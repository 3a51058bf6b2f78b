/**
 * Tar archives of small files (as GNU tar and Mastodon's emoji packs write them), gzipped or
 * not, read and written as streams with tar-stream: one entry is in memory at a time.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';

/** Why a file of the archive is not handed over (its body is then empty). */
export type TarRefusal = 'too-large' | 'unsafe-name' | 'link';

export interface TarEntry {
  /** As written in the archive, without a leading `./`. */
  name: string;
  body: Buffer;
  refused?: TarRefusal;
}

/** A name that would land outside the folder the archive is unpacked in. */
const unsafeName = (name: string) =>
  name.startsWith('/') || /^[a-z]:/i.test(name) || name.split(/[/\\]/).includes('..');

/** The bytes of `source`, gunzipped when they start with gzip's magic bytes. */
async function* plainBytes(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  try {
    const first = await chunks.next();
    if (first.done) return;
    const all = async function* () {
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    };
    if (first.value[0] !== 0x1f || first.value[1] !== 0x8b) {
      yield* all();
      return;
    }
    const gunzip = createGunzip();
    const feeding = pipeline(all(), gunzip).catch((error: unknown) =>
      gunzip.destroy(error as Error),
    );
    yield* gunzip;
    await feeding;
  } finally {
    // Closes the file when the reader stops early or the archive is broken.
    await chunks.return?.();
  }
}

/**
 * The regular files of a `.tar` or `.tar.gz` read from `source`. A file over `maxEntryBytes`,
 * one whose name leaves the archive (absolute, `..`) and a link come with `refused` set and an
 * empty body, without being read into memory; directories and devices are skipped. A broken
 * or truncated archive throws (after the entries before the damage).
 *
 * @example for await (const entry of readTar(createReadStream('pack.tar.gz'), 256 * 1024)) ...
 */
export async function* readTar(
  source: AsyncIterable<Uint8Array>,
  maxEntryBytes: number,
): AsyncGenerator<TarEntry> {
  const extractor = extract();
  const input = Readable.from(plainBytes(source), { objectMode: false });
  input.on('error', (error) => extractor.destroy(error));
  input.pipe(extractor as unknown as Writable);
  try {
    for await (const file of extractor) {
      const { header } = file;
      const name = header.name.replace(/^(\.\/)+/, '');
      const refused: TarRefusal | null =
        header.type === 'link' || header.type === 'symlink'
          ? 'link'
          : header.type !== 'file' && header.type !== 'contiguous-file'
            ? null
            : unsafeName(name)
              ? 'unsafe-name'
              : header.size > maxEntryBytes
                ? 'too-large'
                : null;
      if (refused || (header.type !== 'file' && header.type !== 'contiguous-file')) {
        file.resume();
        if (refused) yield { name, body: Buffer.alloc(0), refused };
        continue;
      }
      const parts: Buffer[] = [];
      for await (const part of file) parts.push(part as Buffer);
      yield { name, body: Buffer.concat(parts) };
    }
  } finally {
    input.destroy();
  }
}

/**
 * Writes a gzipped tar of `entries` (regular files, mode 0644, dated `mtime`) to
 * `destination`, taking each entry only when the previous one is written; returns how many.
 */
export async function writeTarGz(
  destination: Writable,
  entries: AsyncIterable<TarEntry>,
  mtime: Date,
): Promise<number> {
  const archive = pack();
  const writing = pipeline(archive as unknown as Readable, createGzip(), destination);
  // It may fail while the next entry is being read: awaited below, not unhandled meanwhile.
  writing.catch(() => undefined);
  let count = 0;
  try {
    for await (const entry of entries) {
      await new Promise<void>((resolve, reject) => {
        const written = archive.entry(
          { name: entry.name, size: entry.body.length, mode: 0o644, mtime },
          entry.body,
          (error) => (error ? reject(error) : resolve()),
        );
        // The entry fails too when the destination does: the callback has it already.
        written.on('error', reject);
      });
      count += 1;
    }
    archive.finalize();
  } catch (error) {
    archive.destroy(error as Error);
    // A failing destination is what stopped the entries: its error says more.
    throw (
      (await writing.then(
        () => null,
        (failure: unknown) => failure,
      )) ?? error
    );
  }
  await writing;
  return count;
}

/**
 * Just enough of the tar format (ustar, as GNU tar and Mastodon's emoji packs write it) to
 * read and write archives of small files, gzipped or not: regular files only, names up to
 * 255 bytes (with the ustar prefix). Links, devices and directories are skipped on reading.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  body: Buffer;
  /** Set when the file was over the size limit given to readTar (its body is then empty). */
  tooLarge?: boolean;
}

const block = 512;

const field = (header: Buffer, start: number, length: number) =>
  header
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '')
    .trim();

/** The regular files of a `.tar` or `.tar.gz` (gzip is recognised by its magic bytes). */
export function readTar(archive: Buffer, maxEntryBytes: number): TarEntry[] {
  const bytes = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | null = null;
  while (offset + block <= bytes.length) {
    const header = bytes.subarray(offset, offset + block);
    if (header.every((b) => b === 0)) break;
    const size = Number.parseInt(field(header, 124, 12) || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('not a tar archive');
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = field(header, 345, 155);
    const name =
      longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = null;
    const start = offset + block;
    if (start + size > bytes.length) throw new Error('truncated tar archive');
    const body = bytes.subarray(start, start + size);
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if ((type === '0' || type === '\0') && size <= maxEntryBytes) {
      entries.push({ name, body: Buffer.from(body) });
    } else if (type === '0' || type === '\0') {
      entries.push({ name, body: Buffer.alloc(0), tooLarge: true });
    }
    offset = start + Math.ceil(size / block) * block;
  }
  return entries;
}

function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(block);
  const octal = (value: number, length: number) =>
    value.toString(8).padStart(length - 1, '0') + '\0';
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write(octal(0o644, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(Math.floor(mtime / 1000), 12), 136);
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148);
  return h;
}

/** A gzipped tar of `entries` (names up to 100 bytes). */
export function writeTarGz(entries: readonly TarEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(header(entry.name, entry.body.length, mtime), entry.body);
    const pad = (block - (entry.body.length % block)) % block;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(block * 2));
  return gzipSync(Buffer.concat(parts));
}

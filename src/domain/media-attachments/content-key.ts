/**
 * Files are stored under the hash of their bytes, so identical files are stored once however
 * many uploads produce them, and a key never names two different contents.
 */
import { createHash } from 'node:crypto';

export function contentKey(body: Buffer, ext: string): string {
  const hash = createHash('sha256').update(body).digest('hex');
  return `media/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.${ext}`;
}

/**
 * The blurhash apps show while the real image loads: Mastodon's 4x4 components, computed on
 * a copy shrunk to at most 32x32 (the hash cannot hold more detail than that anyway, and
 * encoding is quadratic in the pixels).
 */
import type { Sharp } from 'sharp';

export async function blurhashOf(image: Sharp): Promise<string> {
  const { encode } = await import('blurhash');
  const { data, info } = await image
    .clone()
    .resize(32, 32, { fit: 'inside' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, 4, 4);
}

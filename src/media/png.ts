/**
 * A minimal PNG encoder (8-bit RGBA, no interlacing) for the images Woolly draws itself: the
 * default avatar and header, the instance thumbnail and icons. Real uploads go through the
 * media pipeline, not through this.
 */
import { crc32, deflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A color as red, green, blue and alpha, 0 to 255 each. */
export type Rgba = readonly [number, number, number, number];

/**
 * Encodes a `width` x `height` image whose pixel colors `paint(x, y)` gives.
 *
 * @example encodePng(1, 1, () => [0, 0, 0, 0]) // a transparent pixel
 */
export function encodePng(width: number, height: number, paint: (x: number, y: number) => Rgba) {
  const rowLength = width * 4 + 1;
  const raw = Buffer.alloc(rowLength * height);
  for (let y = 0; y < height; y++) {
    raw[y * rowLength] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const color = paint(x, y);
      raw.set(color, y * rowLength + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

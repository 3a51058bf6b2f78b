/**
 * Images (JPEG, PNG, WebP, static GIF, AVIF, HEIC where libvips reads it), as Mastodon's
 * Paperclip styles make them: the EXIF orientation applied, every metadata block stripped,
 * the original shrunk to at most 8,294,400 pixels (3840x2160) and a `small` preview of at most
 * 230,400 pixels (640x360), plus a blurhash. The declared dimensions are checked against
 * MAX_IMAGE_MATRIX before any pixel is decoded, and libvips is told the same limit, so a
 * decompression bomb never gets a full-size buffer.
 */
import type { Sharp } from 'sharp';
import {
  MediaRejected,
  type ImageSize,
  type ProcessedFile,
  type ProcessedMedia,
  type ProcessingLimits,
  type SniffedType,
} from '../../domain/media-attachments/ports.ts';
import { blurhashOf } from './blurhash.ts';
import { loadSharp } from './sharp.ts';

export const originalPixels = 8_294_400;
export const smallPixels = 230_400;

/** Mastodon keeps JPEG, PNG and WebP; HEIC and AVIF become JPEG, a static GIF a PNG. */
const outputFormat = (mime: string): 'jpeg' | 'png' | 'webp' =>
  mime === 'image/png' || mime === 'image/gif' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpeg';

const unreadable = (cause: unknown) =>
  new MediaRejected('File type of uploaded media could not be verified', { cause });

export interface ImageHeader {
  width: number;
  height: number;
  /** Frames: more than one is an animated GIF or WebP. */
  pages: number;
}

/** Reads the header only (no decoding) and refuses what exceeds the pixel limit. */
export async function inspectImage(bytes: Buffer, limits: ProcessingLimits): Promise<ImageHeader> {
  const sharp = await loadSharp();
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw unreadable(error);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width === 0 || height === 0) throw unreadable(null);
  if (width * height > limits.imageMatrix) {
    throw new MediaRejected(`${width}x${height} images are not supported`);
  }
  return { width, height, pages: meta.pages ?? 1 };
}

/** The largest size within `pixels` of the same shape, never larger than `size`. */
export function fitPixels(size: ImageSize, pixels: number): ImageSize {
  if (size.width * size.height <= pixels) return size;
  const scale = Math.sqrt(pixels / (size.width * size.height));
  return {
    width: Math.max(1, Math.floor(size.width * scale)),
    height: Math.max(1, Math.floor(size.height * scale)),
  };
}

async function encode(image: Sharp, format: 'jpeg' | 'png' | 'webp', size: ImageSize) {
  const meta = await image.metadata();
  const resized =
    meta.width === size.width && meta.height === size.height
      ? image.clone()
      : image.clone().resize(size.width, size.height, { fit: 'fill' });
  const body =
    format === 'jpeg'
      ? await resized.jpeg({ quality: 90 }).toBuffer()
      : format === 'png'
        ? await resized.png().toBuffer()
        : await resized.webp({ quality: 90 }).toBuffer();
  return { body, contentType: `image/${format}`, ext: format } satisfies ProcessedFile;
}

/**
 * Decodes the image once (failing on a truncated or corrupt file), oriented and shrunk to the
 * original's size in the same pass; the preview and the blurhash are made from that smaller
 * copy, so a large photo is resampled at full size only once.
 */
export async function processImage(
  bytes: Buffer,
  sniffed: SniffedType,
  limits: ProcessingLimits,
): Promise<ProcessedMedia> {
  const sharp = await loadSharp();
  try {
    const input = { limitInputPixels: limits.imageMatrix, failOn: 'truncated', pages: 1 } as const;
    const header = await sharp(bytes, input).metadata();
    // EXIF orientations 5 to 8 turn the image a quarter: width and height swap.
    const turned = (header.orientation ?? 1) >= 5;
    const shown: ImageSize = {
      width: (turned ? header.height : header.width) ?? 1,
      height: (turned ? header.width : header.height) ?? 1,
    };
    const originalSize = fitPixels(shown, originalPixels);
    const decoded = await sharp(bytes, input)
      .rotate()
      .resize(originalSize.width, originalSize.height, { fit: 'fill' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = sharp(decoded.data, {
      raw: {
        width: decoded.info.width,
        height: decoded.info.height,
        channels: decoded.info.channels,
      },
    });
    const format = outputFormat(sniffed.mime);
    const smallSize = fitPixels(originalSize, smallPixels);
    const [file, preview, blurhash] = await Promise.all([
      encode(image, format, originalSize),
      encode(image, format === 'png' ? 'png' : 'jpeg', smallSize),
      blurhashOf(image.clone().resize(smallSize.width, smallSize.height, { fit: 'fill' })),
    ]);
    return {
      type: 'image',
      file,
      preview,
      meta: { original: originalSize, small: smallSize },
      blurhash,
    };
  } catch (error) {
    if (error instanceof MediaRejected) throw error;
    throw unreadable(error);
  }
}

/**
 * A still resized to fit `box` (custom thumbnails; avatars and headers cropped to fill it),
 * orientation applied, metadata stripped. Images with transparency stay PNG, others are JPEG.
 */
export async function thumbnailImage(
  bytes: Buffer,
  box: ImageSize,
  limits: ProcessingLimits,
  options: { crop?: boolean } = {},
): Promise<{ file: ProcessedFile; size: ImageSize }> {
  await inspectImage(bytes, limits);
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, {
      limitInputPixels: limits.imageMatrix,
      failOn: 'truncated',
      pages: 1,
    });
    const alpha = (await image.metadata()).hasAlpha === true;
    const resized = image.rotate().resize(box.width, box.height, {
      fit: options.crop ? 'cover' : 'inside',
      withoutEnlargement: !options.crop,
    });
    const { data, info } = await (alpha ? resized.png() : resized.jpeg({ quality: 90 })).toBuffer({
      resolveWithObject: true,
    });
    const format = alpha ? 'png' : 'jpeg';
    return {
      file: { body: data, contentType: `image/${format}`, ext: format },
      size: { width: info.width, height: info.height },
    };
  } catch (error) {
    throw unreadable(error);
  }
}

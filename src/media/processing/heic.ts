/**
 * HEIC (iPhone photos) is HEVC inside HEIF. sharp's prebuilt libvips reads HEIF only with
 * AV1 inside (AVIF): HEVC is patent-encumbered and left out, so on most installations a
 * HEIC file cannot be decoded. Woolly asks sharp which suffixes its HEIF loader takes and,
 * when `.heic` is not among them, refuses HEIC uploads with a message naming the format
 * instead of a generic decoding error. A libvips built with libde265 (sharp on a global
 * libvips) reads them, and they are then converted to JPEG like any other photo.
 */
import { MediaRejected, type SniffedType } from '../../domain/media-attachments/ports.ts';
import { loadSharp } from './sharp.ts';

const heicTypes = new Set(['image/heic', 'image/heif']);

export async function heicReadable(): Promise<boolean> {
  const sharp = await loadSharp();
  const suffixes = (sharp.format.heif?.input as { fileSuffix?: string[] } | undefined)?.fileSuffix;
  return suffixes?.includes('.heic') === true;
}

/** Throws a MediaRejected for a HEIC file when this sharp cannot decode HEVC. */
export async function checkHeic(sniffed: SniffedType): Promise<void> {
  if (!heicTypes.has(sniffed.mime) || (await heicReadable())) return;
  throw new MediaRejected(
    'HEIC images are not supported by this server (its image library has no HEVC decoder): convert the photo to JPEG',
  );
}

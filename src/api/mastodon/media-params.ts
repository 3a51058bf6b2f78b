/**
 * The parameters of the media endpoints: `file` and `thumbnail` as multipart files (their
 * declared types and names are ignored: the bytes decide), `description` and `focus` as text.
 * The body is read as a stream by upload-form.ts, which refuses one too large with a 413.
 */
import { readFile } from 'node:fs/promises';
import { tooLarge } from '../../domain/media-attachments/errors.ts';
import type { FileOnDisk } from '../../domain/media-attachments/ports.ts';
import type { MediaUpload } from '../../domain/media-attachments/upload.ts';
import type { Params } from './params.ts';
import { railsText } from './rails-text.ts';

/** The file parts of an upload (streamed to disk by upload-form.ts). */
export const uploadFields = ['file', 'thumbnail'] as const;

/** What `POST /api/v1|v2/media` asks to upload. */
export async function uploadOf(
  params: Params,
  files: ReadonlyMap<string, FileOnDisk>,
  limits: { imageSize: number },
): Promise<MediaUpload> {
  const thumbnail = files.get('thumbnail');
  // A thumbnail is an image: read into memory only within the image limit.
  if (thumbnail && thumbnail.size > limits.imageSize) throw tooLarge(limits.imageSize);
  return {
    file: files.get('file') ?? null,
    thumbnail: thumbnail ? await readFile(thumbnail.path) : null,
    description: textParam(params, 'description'),
    focus: textParam(params, 'focus'),
  };
}

export function textParam(params: Params, name: string): string | undefined {
  const value = railsText(params[name]);
  return value === null ? undefined : value;
}

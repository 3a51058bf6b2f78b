/**
 * The parameters of the media endpoints: `file` and `thumbnail` as multipart files (their
 * declared types and names are ignored: the bytes decide), `description` and `focus` as text.
 * A body larger than any upload may be (with room for the form around it) is refused with a
 * 413, as Mastodon's nginx refuses it, as soon as that is known: at once when its
 * Content-Length says so, else at that byte.
 */
import { readFile } from 'node:fs/promises';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors.ts';
import { tooLarge } from '../../domain/media-attachments/errors.ts';
import type { FileOnDisk } from '../../domain/media-attachments/ports.ts';
import type { MediaUpload } from '../../domain/media-attachments/upload.ts';
import type { AppEnv } from './env.ts';
import type { Params } from './params.ts';
import { railsText } from './rails-text.ts';

/** Room for the other form fields and the multipart framing around the largest file. */
const formOverhead = 1024 * 1024;

export function uploadBodyLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limits = c.var.deps.config.media.limits;
    const largest = Math.max(limits.imageSize, limits.videoSize);
    return bodyLimit({
      maxSize: largest + formOverhead,
      onError: () => {
        throw new AppError(413, 'Request Entity Too Large');
      },
    })(c, next);
  };
}

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

export async function fileParam(value: unknown): Promise<Buffer | null> {
  if (value instanceof Blob) return Buffer.from(await value.arrayBuffer());
  return null;
}

export function textParam(params: Params, name: string): string | undefined {
  const value = railsText(params[name]);
  return value === null ? undefined : value;
}

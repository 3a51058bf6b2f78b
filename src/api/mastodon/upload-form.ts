/**
 * The multipart body of `POST /api/v1|v2/media` and `PATCH
 * /api/v1/accounts/update_credentials` read as a stream (busboy), never held whole: each file
 * part is written to a private temporary file as it arrives, its bytes counted against the
 * largest upload limit (or the route's own, `maxFileBytes`: the image limit for avatars), so an upload over it is refused at that byte with
 * Mastodon's 422 (`File file size must be less than ...`) and nothing more is read. The
 * temporary files are removed when the work with them ends, whatever happened. A body larger
 * than that with room for the form around it is refused with a 413, as Mastodon's nginx
 * refuses it: at once when its Content-Length says so, else at that byte. A body that is not
 * multipart (JSON, a plain form) carries no file and is read as usual.
 *
 * @example
 * return withUploadForm(c, ['file', 'thumbnail'], async ({ params, files }) => {
 *   await uploadMedia(deps, account, { file: files.get('file') ?? null, ... }, 'now');
 * });
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError } from '../../core/errors.ts';
import { tooLarge } from '../../domain/media-attachments/errors.ts';
import type { FileOnDisk } from '../../domain/media-attachments/ports.ts';
import { saveStream, withTempDir } from '../../domain/media-attachments/temp-files.ts';
import type { AppEnv } from './env.ts';
import { assignBracketKey, readParams, type Params } from './params.ts';

export interface UploadForm {
  params: Params;
  files: Map<string, FileOnDisk>;
}

const fieldLimits = { fields: 50, fieldSize: 64 * 1024, parts: 60 };

/** Room for the other form fields and the multipart framing around the largest file. */
const formOverhead = 1024 * 1024;

/** Mastodon's nginx answer to a body over `client_max_body_size`. */
const bodyTooLarge = () => new AppError(413, 'Request Entity Too Large');

/** Counts the body's bytes as they pass (with backpressure: nothing is read ahead). */
function bodyLimit(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? bodyTooLarge() : null, chunk);
    },
  });
}

export interface UploadFormOptions {
  /** The limit of each file (422 past it); default the largest upload limit. */
  maxFileBytes?: number;
}

export async function withUploadForm<T>(
  c: Context<AppEnv>,
  fileFields: readonly string[],
  work: (form: UploadForm) => Promise<T>,
  options: UploadFormOptions = {},
): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  const body = c.req.raw.body;
  if (!/^multipart\/form-data/i.test(type) || !body) {
    return work({ params: await readParams(c), files: new Map() });
  }
  const limits = c.var.deps.config.media.limits;
  const largest = Math.max(limits.imageSize, limits.videoSize);
  if (Number(c.req.header('content-length') ?? 0) > largest + formOverhead) throw bodyTooLarge();
  const fileLimit = Math.min(options.maxFileBytes ?? largest, largest);
  return withTempDir(async (dir) => {
    const params: Params = { ...c.req.query() };
    const files = new Map<string, FileOnDisk>();
    const saving: Promise<void>[] = [];
    const parser = busboy({
      headers: { 'content-type': type },
      limits: { ...fieldLimits, files: fileFields.length, fileSize: fileLimit },
      defParamCharset: 'utf8',
    });
    parser.on('field', (name, value) => assignBracketKey(params, name, value));
    parser.on('file', (name, stream) => {
      if (!fileFields.includes(name) || files.has(name)) {
        stream.resume();
        return;
      }
      // busboy stops passing bytes at the limit; the whole upload is refused right there.
      stream.on('limit', () => parser.destroy(tooLarge(fileLimit)));
      const path = join(dir, `part-${saving.length}`);
      saving.push(
        saveStream(stream, path).then((file) => {
          if (!stream.truncated) files.set(name, file);
        }),
      );
    });
    try {
      await pipeline(Readable.fromWeb(body as never), bodyLimit(largest + formOverhead), parser);
      await Promise.all(saving);
    } catch (error) {
      await Promise.allSettled(saving);
      if (error instanceof AppError) throw error;
      throw new AppError(
        400,
        'Error occurred while parsing request parameters: the form body is malformed',
        { cause: error },
      );
    }
    return work({ params, files });
  });
}

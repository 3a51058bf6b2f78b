/**
 * The parameters of the media endpoints: `file` and `thumbnail` as multipart files (their
 * declared types and names are ignored: the bytes decide), `description` and `focus` as text.
 * The body is refused before it is read whole when it is larger than any upload may be.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tooLarge } from '../../domain/media-attachments/errors.ts';
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
        throw tooLarge(largest);
      },
    })(c, next);
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

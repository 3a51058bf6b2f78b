/**
 * A custom thumbnail for an upload (Mastodon's `thumbnail` parameter, shown as the preview of
 * videos and audio): an image, resized to fit Mastodon's 640x360 box, stored by content.
 */
import type { Deps } from '../context.ts';
import { unsupportedType } from './errors.ts';
import { processingLimits } from './limits.ts';
import { rejectedAs422 } from './rejected.ts';
import { writeFiles } from './write-files.ts';

export async function makeThumbnail(deps: Deps, bytes: Buffer): Promise<string> {
  const sniffed = await deps.media.processor.sniff(bytes);
  if (!sniffed || sniffed.type !== 'image') throw unsupportedType();
  const { file } = await rejectedAs422(() =>
    deps.media.processor.thumbnail(
      bytes,
      { width: 640, height: 360 },
      processingLimits(deps.config),
    ),
  );
  const { keys } = await writeFiles(deps.media.storage, [file]);
  return keys[0]!;
}

/**
 * `POST /api/v2/media`: the upload is checked and kept, and answered at once with 202 and
 * `url: null`; a durable job on the `default` queue makes the files. Apps poll
 * `GET /api/v1/media/:id` until it answers 200.
 */
import { Hono } from 'hono';
import { mediaView } from '../../../domain/media-attachments/media-view.ts';
import { isProcessing } from '../../../domain/media-attachments/own-media.ts';
import { uploadMedia } from '../../../domain/media-attachments/upload.ts';
import type { AppEnv } from '../env.ts';
import { uploadFields, uploadOf } from '../media-params.ts';
import { withUploadForm } from '../upload-form.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializeMediaAttachment } from '../serializers/media-attachment.ts';

export function mediaV2Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>().post(
    '/api/v2/media',
    requireScopes('write', 'write:media'),
    requireUser(),
    async (c) => {
      const { account } = currentUser(c.var.auth);
      const deps = c.var.deps;
      const record = await withUploadForm(c, uploadFields, async ({ params, files }) =>
        uploadMedia(
          deps,
          account,
          await uploadOf(params, files, deps.config.media.limits),
          'later',
        ),
      );
      return c.json(
        serializeMediaAttachment(mediaView(deps.config, record)),
        isProcessing(record) ? 202 : 200,
      );
    },
  );
}

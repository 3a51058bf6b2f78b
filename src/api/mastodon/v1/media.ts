/**
 * `POST /api/v1/media` (the legacy upload: processed before answering, 200), and the upload
 * one may still change before posting: `GET /api/v1/media/:id` (206 while processing) and
 * `PUT /api/v1/media/:id` (description, focus, thumbnail). Only the viewer's own unattached
 * uploads are found; anything else is a 404.
 */
import { Hono } from 'hono';
import { mediaView } from '../../../domain/media-attachments/media-view.ts';
import { findOwnMedia, isProcessing } from '../../../domain/media-attachments/own-media.ts';
import { updateMedia } from '../../../domain/media-attachments/update.ts';
import { uploadMedia } from '../../../domain/media-attachments/upload.ts';
import type { AppEnv } from '../env.ts';
import { uploadFields, uploadOf } from '../media-params.ts';
import { withUploadForm } from '../upload-form.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializeMediaAttachment } from '../serializers/media-attachment.ts';

export function mediaV1Routes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .post('/api/v1/media', requireScopes('write', 'write:media'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const deps = c.var.deps;
      const record = await withUploadForm(c, uploadFields, async ({ params, files }) =>
        uploadMedia(deps, account, await uploadOf(params, files, deps.config.media.limits), 'now'),
      );
      return c.json(serializeMediaAttachment(mediaView(deps.config, record)));
    })
    .get('/api/v1/media/:id', requireScopes('write', 'write:media'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const deps = c.var.deps;
      const record = await findOwnMedia(deps, account.id, c.req.param('id'));
      return c.json(
        serializeMediaAttachment(mediaView(deps.config, record)),
        isProcessing(record) ? 206 : 200,
      );
    })
    .put('/api/v1/media/:id', requireScopes('write', 'write:media'), requireUser(), async (c) => {
      const { account } = currentUser(c.var.auth);
      const deps = c.var.deps;
      const record = await withUploadForm(c, ['thumbnail'], async ({ params, files }) => {
        const upload = await uploadOf(params, files, deps.config.media.limits);
        return updateMedia(deps, account.id, c.req.param('id'), {
          description: upload.description,
          focus: upload.focus,
          thumbnail: upload.thumbnail,
        });
      });
      return c.json(
        serializeMediaAttachment(mediaView(deps.config, record)),
        isProcessing(record) ? 206 : 200,
      );
    });
}

/**
 * `/settings/export` (Mastodon's Settings > Import and export > Data export): the signed-in
 * user asks for an archive of their account (at most once every 7 days), sees their archives
 * and downloads them; a download is only ever given to the archive's owner.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { AppError } from '../core/errors.ts';
import type { ArchiveRecord } from '../db/repositories/archives.ts';
import { archiveFileName } from '../domain/archives/build.ts';
import { listArchives, openArchive } from '../domain/archives/list.ts';
import { archiveIntervalDays, requestArchive } from '../domain/archives/request.ts';
import type { SignedIn } from '../domain/sessions/web-sessions.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import type { WebEnv } from './env.ts';
import { renderPage } from './render.ts';
import { currentSession, signInPath } from './session.ts';

const page = '/settings/export';

function archiveRow(archive: ArchiveRecord) {
  const when = new Date(archive.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  if (archive.failedAt !== null)
    return html`<tr>
      <td>${when} UTC</td>
      <td>Failed: this archive could not be built. You can request a new one.</td>
    </tr>`;
  if (!archive.fileKey)
    return html`<tr>
      <td>${when} UTC</td>
      <td>Being prepared…</td>
    </tr>`;
  const size = `${((archive.fileSize ?? 0) / 1024 / 1024).toFixed(1)} MB`;
  return html`<tr>
    <td>${when} UTC</td>
    <td><a href="${page}/archives/${archive.id}/download">Download</a> (${size})</td>
  </tr>`;
}

async function exportPage(
  c: Context<WebEnv>,
  signedIn: SignedIn,
  notice?: { problem?: string; done?: string },
): Promise<Response> {
  const archives = await listArchives(c.var.deps, signedIn.user.id);
  return renderPage(c, {
    title: 'Data export',
    status: notice?.problem ? 429 : 200,
    body: html`<h1>Data export</h1>
      ${notice?.problem ? html`<p class="error">${notice.problem}.</p>` : ''}
      ${notice?.done ? html`<p>${notice.done}</p>` : ''}
      <p>
        You can request an archive of your posts, likes, bookmarks, profile and uploaded media, at
        most once every ${archiveIntervalDays} days. The data is in ActivityPub format, readable by
        any compliant software; you get an e-mail when it is ready.
      </p>
      <form method="post" action="${page}/archive">
        ${csrfField(c)}
        <div class="actions"><button type="submit">Request your archive</button></div>
      </form>
      ${
        archives.length
          ? html`<table>
              <thead>
                <tr>
                  <th>Requested</th>
                  <th>Archive</th>
                </tr>
              </thead>
              <tbody>
                ${archives.map(archiveRow)}
              </tbody>
            </table>`
          : ''
      }`,
  });
}

export function settingsExportPage(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get(page, async (c) => {
      const signedIn = await currentSession(c);
      if (!signedIn) return c.redirect(signInPath(page));
      return exportPage(c, signedIn);
    })
    .post(`${page}/archive`, verifyCsrf(), async (c) => {
      const signedIn = await currentSession(c);
      if (!signedIn) return c.redirect(signInPath(page));
      try {
        await requestArchive(c.var.deps, signedIn.user.id);
      } catch (error) {
        if (error instanceof AppError && error.status === 429) {
          return exportPage(c, signedIn, { problem: error.message });
        }
        throw error;
      }
      return exportPage(c, signedIn, {
        done: 'Your archive is being prepared. You will get an e-mail when it is ready.',
      });
    })
    .get(`${page}/archives/:id/download`, async (c) => {
      const signedIn = await currentSession(c);
      if (!signedIn) return c.redirect(signInPath(new URL(c.req.url).pathname));
      const found = await openArchive(c.var.deps, signedIn.user.id, c.req.param('id')).catch(
        (error: unknown) => {
          if (error instanceof AppError && error.status === 404) return null;
          throw error;
        },
      );
      if (!found) {
        return renderPage(c, {
          title: 'Not found',
          status: 404,
          body: html`<h1>This archive is not here</h1>
            <p>It may have expired. <a href="${page}">Your archives</a></p>`,
        });
      }
      const { archive, file } = found;
      return new Response(file.body, {
        headers: {
          'Content-Type': 'application/zip',
          'Content-Length': String(file.size),
          'Content-Disposition': `attachment; filename="${archiveFileName(archive.id, archive.createdAt)}"`,
          'Cache-Control': 'private, no-store',
        },
      });
    });
}

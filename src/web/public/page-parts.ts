/**
 * What the public pages share: the instance's name, the not-found and gone pages, the
 * `max_id` paging of a list of posts, and the answer headers (these pages are public and
 * differ by `Accept`, so caches must key on it).
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { isId } from '../../core/ids.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { getSettings } from '../../domain/instance/settings.ts';
import type { Page } from '../../domain/pagination.ts';
import type { WebEnv } from '../env.ts';
import { publicPage } from './public-layout.ts';

export const postsPerPage = 20;

export async function siteTitle(c: Context<WebEnv>): Promise<string> {
  return (await getSettings(c.var.deps)).site_title;
}

export function publicHeaders(c: Context): void {
  c.header('Vary', 'Accept');
  c.header('Cache-Control', 'public, max-age=60');
  c.header('X-Frame-Options', 'DENY');
}

/** 404 for what does not exist (or may not be seen), 410 for a suspended account. */
export async function missingPage(c: Context<WebEnv>, status: 404 | 410): Promise<Response> {
  c.header('Vary', 'Accept');
  c.header('Cache-Control', 'no-store');
  const title = status === 410 ? 'Account suspended' : 'Not found';
  const text =
    status === 410
      ? 'This account has been suspended, and what it posted is no longer shown.'
      : 'The page you are looking for is not here.';
  const site = await siteTitle(c);
  return c.html(
    publicPage(
      {
        title,
        siteTitle: site,
        description: text,
        url: new URL(c.req.url).pathname,
        type: 'website',
        noindex: true,
      },
      html`<div class="card gone">
        <h1>${title}</h1>
        <p>${text}</p>
      </div>`,
    ),
    status,
  );
}

/** The page of posts the `max_id` query parameter asks for. */
export function requestedPage(c: Context): Page {
  const maxId = c.req.query('max_id') ?? null;
  return {
    limit: postsPerPage,
    maxId: maxId && isId(maxId) ? maxId : null,
    sinceId: null,
    minId: null,
  };
}

/** Links to the newest posts and to older ones, where there are any. */
export function pager(path: string, page: Page, statuses: StatusRecord[]) {
  const last = statuses.at(-1);
  const older = statuses.length === page.limit && last ? `${path}?max_id=${last.id}` : null;
  if (!older && !page.maxId) return '';
  return html`<nav class="pager">
    ${page.maxId ? html`<a href="${path}" rel="first">Newest</a>` : html`<span></span>`}
    ${older ? html`<a href="${older}" rel="next">Older posts</a>` : ''}
  </nav>`;
}

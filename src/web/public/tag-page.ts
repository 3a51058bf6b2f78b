/**
 * `GET /tags/:name`: the public posts with a hashtag, newest first and paged by `max_id`, as
 * Mastodon shows them to readers who are not signed in. A hashtag nobody used is a 404.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { findTag } from '../../domain/tags/find-tag.ts';
import { loadStatusViews } from '../../domain/statuses/status-views.ts';
import { tagTimeline } from '../../domain/timelines/tag-timeline.ts';
import type { WebEnv } from '../env.ts';
import { missingPage, pager, publicHeaders, requestedPage, siteTitle } from './page-parts.ts';
import { publicPage } from './public-layout.ts';
import { statusCard } from './status-card.ts';

export async function tagPage(c: Context<WebEnv>): Promise<Response> {
  const deps = c.var.deps;
  const tag = await findTag(deps, c.req.param('name') ?? '');
  if (!tag) return missingPage(c, 404);
  const page = requestedPage(c);
  const statuses = await tagTimeline(deps, null, tag.name, {}, page);
  const views = await loadStatusViews(deps, statuses, null);
  const site = await siteTitle(c);
  const path = `/tags/${encodeURIComponent(tag.name)}`;
  publicHeaders(c);
  return c.html(
    publicPage(
      {
        title: `#${tag.name}`,
        siteTitle: site,
        description: `Public posts tagged #${tag.name} on ${site}`,
        url: `${deps.config.baseUrl}${path}`,
        type: 'website',
      },
      html`<h2 class="section">#${tag.name}</h2>
        <section class="card">
          ${
            views.length > 0
              ? views.map((v) => statusCard(deps.config, v))
              : html`<p class="empty">No public posts with this hashtag yet.</p>`
          }
        </section>
        ${pager(path, page, statuses)}`,
    ),
  );
}

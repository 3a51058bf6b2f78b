/**
 * `GET /@:username/:id`: one post of a local account for browsers, with the post it answers
 * when that one may be seen too. Only what an anonymous reader may see is shown (public and
 * unlisted posts); anything else is the same 404 as a post that does not exist. A client
 * asking for ActivityPub is sent to the Note.
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { AppError } from '../../core/errors.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { findVisibleStatus } from '../../domain/statuses/access.ts';
import { loadStatusViews } from '../../domain/statuses/status-views.ts';
import type { WebEnv } from '../env.ts';
import { negotiatedRedirect, wantsActivityJson } from './negotiation.ts';
import { missingPage, publicHeaders, siteTitle } from './page-parts.ts';
import { findShownAccount } from './profile-page.ts';
import { publicPage } from './public-layout.ts';
import { avatarOf, handleOf, statusCard, statusUrl } from './status-card.ts';
import { plainText } from './text.ts';

async function visibleToAnyone(c: Context<WebEnv>, id: string): Promise<StatusRecord | null> {
  try {
    return await findVisibleStatus(c.var.deps, null, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

export async function statusPage(c: Context<WebEnv>): Promise<Response> {
  const deps = c.var.deps;
  const view = await findShownAccount(c, (c.req.param('handle') ?? '').slice(1));
  if (!view || view.account.domain !== null) return missingPage(c, 404);
  if (view.account.suspendedAt !== null) return missingPage(c, 410);
  const status = await visibleToAnyone(c, c.req.param('id') ?? '');
  if (!status || status.accountId !== view.account.id || status.deletedAt !== null) {
    return missingPage(c, 404);
  }
  if (status.reblogOfId !== null) return missingPage(c, 404);
  if (wantsActivityJson(c)) return negotiatedRedirect(c, status.uri);

  const parent = status.inReplyToId ? await visibleToAnyone(c, status.inReplyToId) : null;
  const [shown, parentView] = await loadStatusViews(
    deps,
    parent ? [status, parent] : [status],
    null,
  );
  if (!shown) return missingPage(c, 404);
  const site = await siteTitle(c);
  const name = view.account.displayName || view.account.username;
  const text = status.spoilerText
    ? `Content warning: ${status.spoilerText}`
    : plainText(status.content) || `A post by ${name}`;
  const image = shown.media.find((m) => m.previewUrl)?.previewUrl ?? avatarOf(deps.config, view);
  publicHeaders(c);
  return c.html(
    publicPage(
      {
        title: `${name}: "${plainText(status.content, 60)}"`,
        siteTitle: site,
        description: `${text}`,
        url: statusUrl(deps.config, shown),
        type: 'article',
        image,
        activityJson: status.localOnly ? null : status.uri,
        noindex: !view.account.indexable || status.visibility !== 'public',
      },
      html`${
          parentView
            ? html`<h2 class="section">In reply to</h2>
                <section class="card">${statusCard(deps.config, parentView)}</section>`
            : ''
        }
        <section class="card">${statusCard(deps.config, shown, { focus: true })}</section>
        <p class="muted">
          <a href="/@${view.account.username}">More from ${handleOf(deps.config, view)}</a>
        </p>`,
    ),
  );
}

/**
 * `GET /@:username`: a local account's public profile for browsers, with its recent public
 * posts (replies left out, boosts in), paged by `max_id`. A client asking for ActivityPub
 * is sent to the actor document; a remote account's page is on its own server.
 */
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import { AppError } from '../../core/errors.ts';
import type { AccountView } from '../../domain/accounts/account-views.ts';
import { lookupAccount } from '../../domain/accounts/find-account.ts';
import { loadStatusViews } from '../../domain/statuses/status-views.ts';
import { accountStatuses } from '../../domain/timelines/account-statuses.ts';
import type { WebEnv } from '../env.ts';
import { negotiatedRedirect, wantsActivityJson } from './negotiation.ts';
import { missingPage, pager, publicHeaders, requestedPage, siteTitle } from './page-parts.ts';
import { publicPage } from './public-layout.ts';
import { avatarOf, handleOf, profileUrl, statusCard } from './status-card.ts';
import { plainText, withRelMe } from './text.ts';

/** The account an address names, or null when there is none anybody may see. */
export async function findShownAccount(
  c: Context<WebEnv>,
  acct: string,
): Promise<AccountView | null> {
  try {
    return await lookupAccount(c.var.deps, acct);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  }
}

export async function profilePage(c: Context<WebEnv>): Promise<Response> {
  const deps = c.var.deps;
  const view = await findShownAccount(c, (c.req.param('handle') ?? '').slice(1));
  if (!view) return missingPage(c, 404);
  const account = view.account;
  if (account.domain !== null) return negotiatedRedirect(c, profileUrl(deps.config, view));
  if (wantsActivityJson(c)) return negotiatedRedirect(c, account.uri);
  if (account.suspendedAt !== null) return missingPage(c, 410);

  const page = requestedPage(c);
  const statuses = await accountStatuses(deps, account, null, { excludeReplies: true }, page);
  const views = await loadStatusViews(deps, statuses, null);
  const site = await siteTitle(c);
  const name = account.displayName || account.username;
  const handle = handleOf(deps.config, view);
  const url = profileUrl(deps.config, view);
  publicHeaders(c);
  return c.html(
    publicPage(
      {
        title: `${name} (${handle})`,
        siteTitle: site,
        description: plainText(account.note) || `${name} on ${site}`,
        url,
        type: 'profile',
        image: avatarOf(deps.config, view),
        activityJson: account.uri,
        noindex: !account.indexable,
      },
      html`<section class="card">
          <div
            class="header-image"
            ${
              view.headerUrl || account.headerRemoteUrl
                ? html`style="background-image: url('${view.headerUrl ?? account.headerRemoteUrl}')"`
                : ''
            }
          ></div>
          <div class="profile">
            <img
              class="avatar"
              src="${avatarOf(deps.config, view)}"
              alt=""
              width="96"
              height="96"
            />
            <h1>${name}</h1>
            <p class="handle">${handle}</p>
            <div class="bio">${raw(account.note)}</div>
            ${
              account.fields.length > 0
                ? html`<dl class="fields">
                    ${account.fields.map(
                      (f) =>
                        html`<div>
                          <dt>${f.name}</dt>
                          <dd>${raw(withRelMe(f.value))}</dd>
                        </div>`,
                    )}
                  </dl>`
                : ''
            }
            <div class="stats">
              <span><strong>${account.statusesCount}</strong> posts</span>
              <span><strong>${account.followingCount}</strong> following</span>
              <span><strong>${account.followersCount}</strong> followers</span>
            </div>
          </div>
        </section>
        <h2 class="section">Posts</h2>
        <section class="card">
          ${
            views.length > 0
              ? views.map((v) => statusCard(deps.config, v))
              : html`<p class="empty">No posts here yet.</p>`
          }
        </section>
        ${pager(`/@${account.username}`, page, statuses)}`,
    ),
  );
}

/**
 * One post as the public pages show it: author, content (already sanitized HTML, shown as
 * is), content warning, pictures, time and counts. A boost shows the boosted post.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Config } from '../../config/schema.ts';
import type { AccountView } from '../../domain/accounts/account-views.ts';
import type { StatusView } from '../../domain/statuses/status-views.ts';

/** The default avatar Woolly serves (api/default-images.ts). */
const missingAvatarPath = '/avatars/original/missing.png';

type PageConfig = Pick<Config, 'baseUrl' | 'localDomain'>;

export function avatarOf(config: PageConfig, view: AccountView): string {
  return view.avatarUrl ?? view.account.avatarRemoteUrl ?? `${config.baseUrl}${missingAvatarPath}`;
}

export function handleOf(config: PageConfig, view: AccountView): string {
  return `@${view.account.username}@${view.account.domain ?? config.localDomain}`;
}

/** Where a browser reads the account: its page here, or its own server's. */
export function profileUrl(config: PageConfig, view: AccountView): string {
  const a = view.account;
  return a.domain === null ? `${config.baseUrl}/@${a.username}` : (a.url ?? a.uri);
}

export function statusUrl(config: PageConfig, view: StatusView): string {
  const s = view.status;
  return s.local ? `${config.baseUrl}/@${view.account.account.username}/${s.id}` : (s.url ?? s.uri);
}

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export function statusCard(
  config: PageConfig,
  view: StatusView,
  options: { focus?: boolean } = {},
): Html {
  if (view.reblog) {
    const booster = view.account.account;
    return html`<article class="status">
      <div class="boosted">${booster.displayName || booster.username} boosted</div>
      ${statusBody(config, view.reblog)}
    </article>`;
  }
  return html`<article class="status${options.focus ? ' focus' : ''}">
    ${statusBody(config, view)}
  </article>`;
}

function statusBody(config: PageConfig, view: StatusView): Html {
  const s = view.status;
  const a = view.account;
  const content = html`<div class="content" lang="${s.language ?? ''}">${raw(s.content)}</div>
    ${
      view.media.length > 0
        ? html`<div class="media">
            ${view.media.map((m) =>
              m.previewUrl || m.url
                ? html`<a href="${m.url ?? m.previewUrl}"
                    ><img
                      src="${m.previewUrl ?? m.url}"
                      alt="${m.attachment.description ?? ''}"
                      loading="lazy"
                  /></a>`
                : '',
            )}
          </div>`
        : ''
    }`;
  const edited = s.editedAt ? html` · edited` : '';
  return html`<div class="byline">
      <img src="${avatarOf(config, a)}" alt="" width="44" height="44" />
      <div class="names">
        <strong
          ><a href="${profileUrl(config, a)}"
            >${a.account.displayName || a.account.username}</a
          ></strong
        >
        <span>${handleOf(config, a)}</span>
      </div>
    </div>
    ${
      s.spoilerText
        ? html`<details class="spoiler">
            <summary>${s.spoilerText}</summary>
            ${content}
          </details>`
        : content
    }
    <div class="meta">
      <a href="${statusUrl(config, view)}"
        ><time datetime="${new Date(s.createdAt).toISOString()}"
          >${dateFormat.format(s.createdAt)}</time
        ></a
      >${edited}
      <span>${s.repliesCount} replies</span>
      <span>${s.reblogsCount} boosts</span>
      <span>${s.favouritesCount} favourites</span>
    </div>`;
}

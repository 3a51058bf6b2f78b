/**
 * The shell of the public pages (profiles, posts, hashtags): what a browser, a link preview
 * (OpenGraph) and a feed reader see. Plain HTML and a little CSS in the palette of
 * web/layout.ts; no JavaScript.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `
:root { color-scheme: light dark; --accent: #6364ff; --bg: #f3f3f8; --card: #fff; --text: #1f1f2b; --muted: #5f5f73; --border: #d9d9e3; }
@media (prefers-color-scheme: dark) { :root { --bg: #17171f; --card: #22222d; --text: #ececf3; --muted: #a0a0b2; --border: #393948; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--text); }
a { color: var(--accent); }
.top { max-width: 640px; margin: 0 auto; padding: 14px 16px; font-weight: 700; font-size: 1.2rem; }
.top a { color: var(--text); text-decoration: none; }
.top span { color: var(--accent); }
main { max-width: 640px; margin: 0 auto 48px; padding: 0 16px; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 12px; overflow: hidden; margin-bottom: 12px; }
.header-image { height: 160px; background: var(--accent) center / cover no-repeat; }
.profile { padding: 0 20px 20px; }
.profile .avatar { width: 96px; height: 96px; border-radius: 12px; border: 4px solid var(--card); margin-top: -48px; background: var(--bg); object-fit: cover; }
.profile h1 { font-size: 1.4rem; margin: 8px 0 0; }
.handle { color: var(--muted); margin: 0 0 12px; word-break: break-all; }
.bio p { margin: 0 0 8px; }
dl.fields { margin: 12px 0; border: 1px solid var(--border); border-radius: 8px; }
dl.fields div { display: flex; gap: 12px; padding: 8px 12px; border-top: 1px solid var(--border); }
dl.fields div:first-child { border-top: 0; }
dl.fields dt { flex: 0 0 30%; font-weight: 600; color: var(--muted); overflow: hidden; text-overflow: ellipsis; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.stats { display: flex; gap: 20px; color: var(--muted); font-size: .95rem; }
.stats strong { color: var(--text); }
h2.section { font-size: 1rem; color: var(--muted); margin: 20px 4px 8px; }
article.status { padding: 16px 20px; }
article.status + article.status { border-top: 1px solid var(--border); }
.status .byline { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; }
.status .byline img { width: 44px; height: 44px; border-radius: 8px; object-fit: cover; background: var(--bg); }
.status .byline .names { flex: 1; min-width: 0; line-height: 1.3; }
.status .byline .names strong { display: block; }
.status .byline .names a { color: var(--text); text-decoration: none; }
.status .byline .names span { color: var(--muted); font-size: .9rem; word-break: break-all; }
.status .content p { margin: 0 0 8px; }
.status .content { overflow-wrap: anywhere; }
.status .media { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 6px; margin: 8px 0; }
.status .media img { width: 100%; max-height: 320px; object-fit: cover; border-radius: 8px; }
.status .meta { color: var(--muted); font-size: .85rem; display: flex; gap: 16px; flex-wrap: wrap; }
.status .meta a { color: var(--muted); }
.status .boosted { color: var(--muted); font-size: .85rem; margin-bottom: 6px; }
.status.focus .content { font-size: 1.15rem; }
details.spoiler summary { cursor: pointer; color: var(--muted); margin-bottom: 8px; }
.pager { display: flex; justify-content: space-between; margin: 12px 4px; }
.empty { padding: 20px; color: var(--muted); text-align: center; }
.gone { padding: 28px; text-align: center; }
`;

export interface PublicPageMeta {
  title: string;
  siteTitle: string;
  /** Plain text for the description meta tags. */
  description: string;
  /** The canonical URL of the page. */
  url: string;
  /** OpenGraph type: `profile`, `article` or `website`. */
  type: 'profile' | 'article' | 'website';
  image?: string | null;
  /** The ActivityPub document of the same thing, offered as `rel="alternate"`. */
  activityJson?: string | null;
  /** Keep search engines out (accounts that opted out of being indexed). */
  noindex?: boolean;
}

export function publicPage(meta: PublicPageMeta, body: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${meta.title} - ${meta.siteTitle}</title>
        <meta name="description" content="${meta.description}" />
        ${meta.noindex ? html`<meta name="robots" content="noindex, noarchive" />` : ''}
        <link rel="canonical" href="${meta.url}" />
        ${
          meta.activityJson
            ? html`<link
                rel="alternate"
                type="application/activity+json"
                href="${meta.activityJson}"
              />`
            : ''
        }
        <meta property="og:site_name" content="${meta.siteTitle}" />
        <meta property="og:type" content="${meta.type}" />
        <meta property="og:title" content="${meta.title}" />
        <meta property="og:description" content="${meta.description}" />
        <meta property="og:url" content="${meta.url}" />
        ${meta.image ? html`<meta property="og:image" content="${meta.image}" />` : ''}
        <meta name="twitter:card" content="summary" />
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <div class="top">
          <a href="/">${meta.siteTitle}<span>.</span></a>
        </div>
        <main>${body}</main>
      </body>
    </html>`;
}

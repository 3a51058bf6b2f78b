/**
 * The shell of every server-rendered page (sign-in, consent, set-up, confirmation, password
 * reset, admin): plain HTML and a little CSS, no JavaScript needed.
 *
 * @example return c.html(page({ title: 'Sign in', siteTitle, body: html`<form>...</form>` }));
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `
:root { color-scheme: light dark; --accent: #6364ff; --bg: #f3f3f8; --card: #fff; --text: #1f1f2b; --muted: #5f5f73; --border: #d9d9e3; --danger: #c0392b; }
@media (prefers-color-scheme: dark) { :root { --bg: #17171f; --card: #22222d; --text: #ececf3; --muted: #a0a0b2; --border: #393948; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: var(--bg); color: var(--text); }
main { max-width: 440px; margin: 48px auto; padding: 0 16px; }
.brand { text-align: center; font-weight: 700; font-size: 1.4rem; margin-bottom: 24px; }
.brand span { color: var(--accent); }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 12px; padding: 28px; }
h1 { font-size: 1.3rem; margin: 0 0 16px; }
p { margin: 0 0 16px; }
.muted { color: var(--muted); font-size: .9rem; }
label { display: block; font-weight: 600; margin: 0 0 6px; }
input[type=text], input[type=email], input[type=password] { width: 100%; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; background: var(--bg); color: var(--text); font: inherit; margin-bottom: 16px; }
button, .button { display: inline-block; padding: 10px 18px; border-radius: 8px; border: 0; background: var(--accent); color: #fff; font: inherit; font-weight: 600; cursor: pointer; text-decoration: none; }
button.secondary { background: transparent; color: var(--text); border: 1px solid var(--border); }
.actions { display: flex; gap: 12px; justify-content: flex-end; margin-top: 8px; }
.error { background: color-mix(in srgb, var(--danger) 12%, transparent); border: 1px solid var(--danger); color: var(--text); padding: 10px 12px; border-radius: 8px; margin-bottom: 16px; }
.notice { background: color-mix(in srgb, var(--accent) 12%, transparent); border: 1px solid var(--accent); padding: 10px 12px; border-radius: 8px; margin-bottom: 16px; }
ul.scopes { padding-left: 20px; margin: 0 0 16px; }
code, .code { font-family: ui-monospace, monospace; background: var(--bg); padding: 2px 6px; border-radius: 4px; word-break: break-all; }
`;

export interface PageOptions {
  title: string;
  siteTitle: string;
  body: Html;
}

export function page(options: PageOptions): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>${options.title} - ${options.siteTitle}</title>
        <style>
          ${raw(styles)}
        </style>
      </head>
      <body>
        <main>
          <div class="brand">${options.siteTitle}<span>.</span></div>
          <div class="card">${options.body}</div>
        </main>
      </body>
    </html>`;
}

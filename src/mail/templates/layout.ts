/**
 * The frame of every mail: a plain-text part that stands on its own (links written out in
 * full) and a small HTML part with one button. Mail clients ignore <style>, so styles are inline.
 */
import { html } from 'hono/html';

export interface MailParts {
  siteTitle: string;
  /** The instance's domain, as people know it (LOCAL_DOMAIN). */
  domain: string;
  heading: string;
  /** Paragraphs before the button. */
  intro: string[];
  action: { label: string; url: string };
  /** Paragraphs after the button. */
  outro: string[];
}

export function renderText(parts: MailParts): string {
  return [
    parts.heading,
    '',
    ...parts.intro.flatMap((p) => [p, '']),
    `${parts.action.label}: ${parts.action.url}`,
    '',
    ...parts.outro.flatMap((p) => [p, '']),
    '-- ',
    `${parts.siteTitle} (${parts.domain})`,
    '',
  ].join('\n');
}

export async function renderHtml(parts: MailParts): Promise<string> {
  const paragraph = (text: string) => html`<p style="margin:0 0 16px">${text}</p>`;
  return String(
    await html`<!doctype html>
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <title>${parts.heading}</title>
        </head>
        <body
          style="margin:0;padding:24px;background:#f3f3f8;font:16px/1.5 system-ui,sans-serif;color:#1f1f2b"
        >
          <div
            style="max-width:480px;margin:0 auto;background:#fff;border:1px solid #d9d9e3;border-radius:12px;padding:28px"
          >
            <h1 style="font-size:20px;margin:0 0 16px">${parts.heading}</h1>
            ${parts.intro.map(paragraph)}
            <p style="margin:24px 0">
              <a
                href="${parts.action.url}"
                style="display:inline-block;padding:10px 18px;border-radius:8px;background:#6364ff;color:#fff;font-weight:600;text-decoration:none"
                >${parts.action.label}</a
              >
            </p>
            <p style="margin:0 0 16px;font-size:13px;color:#5f5f73">
              Or open this link:
              <a href="${parts.action.url}" style="color:#6364ff;word-break:break-all"
                >${parts.action.url}</a
              >
            </p>
            ${parts.outro.map(paragraph)}
            <p style="margin:24px 0 0;font-size:13px;color:#5f5f73">
              ${parts.siteTitle} (${parts.domain})
            </p>
          </div>
        </body>
      </html>`,
  );
}

/**
 * Answers a browser with a page in the shared layout (web/layout.ts), titled with the
 * instance's name. Pages that carry one-time tokens must not be cached or framed.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { WebEnv } from './env.ts';
import { getSettings } from '../domain/instance/settings.ts';
import { page, type PageOptions } from './layout.ts';

export async function renderPage(
  c: Context<WebEnv>,
  options: { title: string; body: PageOptions['body']; status?: ContentfulStatusCode },
): Promise<Response> {
  const { site_title } = await getSettings(c.var.deps);
  c.header('Cache-Control', 'no-store');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  return c.html(
    page({ title: options.title, siteTitle: site_title, body: options.body }),
    options.status ?? 200,
  );
}

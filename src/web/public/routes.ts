/**
 * The public pages: profiles, posts and hashtags, and the ActivityPub URLs of actors and
 * Notes asked for by a browser (Fedify hands those on here), which lead to the pages.
 *
 * @example app.route('/', publicPages());
 */
import { Hono } from 'hono';
import type { WebEnv } from '../env.ts';
import { negotiatedRedirect, wantsActivityJson } from './negotiation.ts';
import { profilePage } from './profile-page.ts';
import { statusPage } from './status-page.ts';
import { tagPage } from './tag-page.ts';

export function publicPages(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/:handle{@[^/]+}', (c) => profilePage(c));
  app.get('/:handle{@[^/]+}/:id{[0-9]+}', (c) => statusPage(c));
  app.get('/tags/:name', (c) => tagPage(c));
  // Fedify found no such actor or Note when ActivityPub was asked for: that stays a 404.
  app.get('/users/:username', async (c, next) => {
    if (wantsActivityJson(c)) return next();
    return negotiatedRedirect(c, `/@${encodeURIComponent(c.req.param('username'))}`);
  });
  app.get('/users/:username/statuses/:id{[0-9]+}', async (c, next) => {
    if (wantsActivityJson(c)) return next();
    const { username, id } = c.req.param();
    return negotiatedRedirect(c, `/@${encodeURIComponent(username)}/${id}`);
  });
  return app;
}

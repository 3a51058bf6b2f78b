/**
 * Cross-site request forgery protection for Woolly's server-rendered forms, by double submit:
 * a random token in a cookie that another site can neither read nor set, repeated in a hidden
 * field of each form. A POST whose field does not match its cookie, or that comes from
 * another origin, is refused.
 *
 * @example
 * app.get('/x', async (c) => renderPage(c, { title, body: html`<form method="post">${csrfField(c)}...` }));
 * app.post('/x', verifyCsrf(), handler);
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { WebEnv } from './env.ts';
import { newToken, safeEqual } from '../core/tokens.ts';
import { renderPage } from './render.ts';

export const csrfCookie = 'woolly_csrf';
export const csrfFieldName = 'authenticity_token';
const wellFormed = /^[A-Za-z0-9_-]{43}$/;

/** The token for this browser, set in a cookie the first time. */
export function csrfToken(c: Context<WebEnv>): string {
  const existing = getCookie(c, csrfCookie);
  if (existing && wellFormed.test(existing)) return existing;
  const token = newToken();
  setCookie(c, csrfCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.protocol === 'https',
  });
  return token;
}

/** The hidden field that carries the token in a form. */
export function csrfField(c: Context<WebEnv>) {
  return html`<input type="hidden" name="${csrfFieldName}" value="${csrfToken(c)}" />`;
}

/** Refuses, with 403, a form post without the matching token or from another origin. */
export function verifyCsrf(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    const sameOrigin = origin === undefined || origin === new URL(c.var.deps.config.baseUrl).origin;
    const cookie = getCookie(c, csrfCookie);
    const body = await c.req.parseBody();
    const field = body[csrfFieldName];
    if (
      !sameOrigin ||
      !cookie ||
      typeof field !== 'string' ||
      !wellFormed.test(cookie) ||
      !safeEqual(cookie, field)
    ) {
      return renderPage(c, {
        title: 'The form has expired',
        status: 403,
        body: html`<h1>The form has expired</h1>
          <p>
            This form was sent without the check that proves it came from this site, or after that
            check changed. Go back, reload the page and try again.
          </p>`,
      });
    }
    await next();
  };
}

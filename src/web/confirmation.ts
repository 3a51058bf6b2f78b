/**
 * `GET /auth/confirmation?confirmation_token=...`: the link in the confirmation mail. Opening
 * it confirms the address (as Mastodon does, on GET: the link is the whole interaction).
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { WebEnv } from './env.ts';
import { AppError } from '../core/errors.ts';
import { confirmByToken } from '../domain/accounts/confirmation.ts';
import { renderPage } from './render.ts';

export function confirmationPage(): Hono<WebEnv> {
  return new Hono<WebEnv>().get('/auth/confirmation', async (c) => {
    const token = c.req.query('confirmation_token') ?? '';
    try {
      const user = await confirmByToken(c.var.deps, token);
      return renderPage(c, {
        title: 'Address confirmed',
        body: html`<h1>Your e-mail address is confirmed</h1>
          <p><code>${user.email}</code> is now the address of your account.</p>
          ${
            user.approved
              ? html`<p>You can sign in now, in the browser or in any Mastodon app.</p>
                  <div class="actions"><a class="button" href="/auth/sign_in">Sign in</a></div>`
              : html`<p class="notice">
                  A moderator still has to approve your account. You will get a mail when they have.
                </p>`
          }`,
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return renderPage(c, {
        title: 'Confirmation failed',
        status: error.status === 404 ? 404 : 422,
        body: html`<h1>This confirmation link does not work</h1>
          <p class="error">${error.message}.</p>
          <p>
            The link may have been used already, or replaced by a newer one. Sign in to have a new
            one sent, or use the link of the most recent mail.
          </p>`,
      });
    }
  });
}

/**
 * `GET/POST /auth/password/new`: asking for a password reset link. The answer is the same
 * whether or not the address has an account, so the form reveals nothing.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Context } from 'hono';
import type { WebEnv } from './env.ts';
import { requestPasswordReset } from '../domain/accounts/password-reset.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import { renderPage } from './render.ts';

/** The form; `problem` is shown above it (an expired link sends people here). */
export function passwordRequestForm(
  c: Context<WebEnv>,
  options: { problem?: string; status?: 200 | 404 | 410 } = {},
): Promise<Response> {
  return renderPage(c, {
    title: 'Reset password',
    status: options.status,
    body: html`<h1>Forgot your password?</h1>
      ${options.problem ? html`<p class="error">${options.problem}</p>` : ''}
      <p>
        Enter the e-mail address of your account and we will send you a link to choose a new one.
      </p>
      <form method="post" action="/auth/password/new">
        ${csrfField(c)}
        <label for="email">E-mail address</label>
        <input type="email" id="email" name="email" required autocomplete="email" autofocus />
        <div class="actions"><button type="submit">Send the link</button></div>
      </form>`,
  });
}

export function passwordNewPage(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get('/auth/password/new', (c) => passwordRequestForm(c))
    .post('/auth/password/new', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      const email = typeof body.email === 'string' ? body.email : '';
      await requestPasswordReset(c.var.deps, email);
      return renderPage(c, {
        title: 'Check your mail',
        body: html`<h1>Check your mail</h1>
          <p class="notice">
            If this e-mail address belongs to an account here, a link to choose a new password is on
            its way. It works for a few hours.
          </p>
          <div class="actions"><a class="button" href="/auth/sign_in">Back to sign in</a></div>`,
      });
    });
}

/**
 * `GET/POST /auth/password/edit?reset_password_token=...`: the link in the reset mail, where
 * the new password is chosen. Success signs the account out everywhere (see password-reset.ts).
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Context } from 'hono';
import type { WebEnv } from './env.ts';
import { AppError } from '../core/errors.ts';
import { checkResetToken, resetPasswordByToken } from '../domain/accounts/password-reset.ts';
import { passwordMaxLength, passwordMinLength } from '../domain/accounts/password.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import { passwordRequestForm } from './password-new.ts';
import { renderPage } from './render.ts';

function form(c: Context<WebEnv>, token: string, problem?: string): Promise<Response> {
  return renderPage(c, {
    title: 'Choose a new password',
    status: problem ? 422 : 200,
    body: html`<h1>Choose a new password</h1>
      ${problem ? html`<p class="error">${problem}</p>` : ''}
      <form method="post" action="/auth/password/edit">
        ${csrfField(c)}
        <input type="hidden" name="reset_password_token" value="${token}" />
        <label for="password">New password</label>
        <input
          type="password"
          id="password"
          name="password"
          required
          autocomplete="new-password"
          minlength="${passwordMinLength}"
          maxlength="${passwordMaxLength}"
          autofocus
        />
        <label for="password_confirmation">The same again</label>
        <input
          type="password"
          id="password_confirmation"
          name="password_confirmation"
          required
          autocomplete="new-password"
        />
        <p class="muted">
          ${passwordMinLength} to ${passwordMaxLength} characters. Every app and browser signed in
          to your account will be signed out.
        </p>
        <div class="actions"><button type="submit">Change my password</button></div>
      </form>`,
  });
}

/** A link that is unknown or too old sends people back to ask for a new one. */
function badLink(c: Context<WebEnv>, error: AppError): Promise<Response> {
  return passwordRequestForm(c, {
    problem: `${error.message}.`,
    status: error.status === 410 ? 410 : 404,
  });
}

export function passwordEditPage(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get('/auth/password/edit', async (c) => {
      const token = c.req.query('reset_password_token') ?? '';
      try {
        await checkResetToken(c.var.deps, token);
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return badLink(c, error);
        throw error;
      }
      return form(c, token);
    })
    .post('/auth/password/edit', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
      const token = field('reset_password_token');
      try {
        await resetPasswordByToken(c.var.deps, {
          token,
          password: field('password'),
          passwordConfirmation: field('password_confirmation'),
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.status === 422) return form(c, token, error.message);
        return badLink(c, error);
      }
      return renderPage(c, {
        title: 'Password changed',
        body: html`<h1>Your password has been changed</h1>
          <p>Sign in again with the new password, in the browser and in your apps.</p>
          <div class="actions"><a class="button" href="/auth/sign_in">Sign in</a></div>`,
      });
    });
}

/**
 * `GET/POST /setup?token=...`: the one-time page that creates the Owner of a new instance
 * (domain/instance/setup.ts). It answers 404 once the link is spent or an account exists.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { Context } from 'hono';
import type { WebEnv } from './env.ts';
import { AppError } from '../core/errors.ts';
import { passwordMaxLength, passwordMinLength } from '../domain/accounts/password.ts';
import { usernameMaxLength } from '../domain/accounts/username.ts';
import {
  completeOwnerSetup,
  isOwnerSetupTokenValid,
  setupLinkInvalid,
} from '../domain/instance/setup.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import { renderPage } from './render.ts';

interface Values {
  username: string;
  email: string;
}

function form(c: Context<WebEnv>, token: string, values: Values, problem?: string) {
  const domain = c.var.deps.config.localDomain;
  return renderPage(c, {
    title: 'Set up your instance',
    status: problem ? 422 : 200,
    body: html`<h1>Create the Owner account</h1>
      <p>
        This account will own <strong>${domain}</strong>: it can change every setting and appoint
        admins and moderators. This link works once.
      </p>
      ${problem ? html`<p class="error">${problem}</p>` : ''}
      <form method="post" action="/setup">
        ${csrfField(c)}
        <input type="hidden" name="token" value="${token}" />
        <label for="username">Username</label>
        <input
          type="text"
          id="username"
          name="username"
          value="${values.username}"
          required
          maxlength="${usernameMaxLength}"
          autocomplete="username"
          autofocus
        />
        <p class="muted">You will be <code>@${values.username || 'username'}@${domain}</code>.</p>
        <label for="email">E-mail address</label>
        <input
          type="email"
          id="email"
          name="email"
          value="${values.email}"
          required
          autocomplete="email"
        />
        <label for="password">Password</label>
        <input
          type="password"
          id="password"
          name="password"
          required
          autocomplete="new-password"
          minlength="${passwordMinLength}"
          maxlength="${passwordMaxLength}"
        />
        <label for="password_confirmation">The same again</label>
        <input
          type="password"
          id="password_confirmation"
          name="password_confirmation"
          required
          autocomplete="new-password"
        />
        <div class="actions"><button type="submit">Create the Owner</button></div>
      </form>`,
  });
}

function spent(c: Context<WebEnv>) {
  return renderPage(c, {
    title: 'Set-up link',
    status: 404,
    body: html`<h1>${setupLinkInvalid}</h1>
      <p>
        The link has been used, replaced by a newer one, or this instance already has an account. On
        the server, <code>woolly setup</code> prints a new link while no account exists, and
        <code>woolly accounts create NAME --email E --role Owner --confirmed</code> works at any
        time.
      </p>`,
  });
}

export function setupPage(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get('/setup', async (c) => {
      const token = c.req.query('token') ?? '';
      if (!(await isOwnerSetupTokenValid(c.var.deps, token))) return spent(c);
      return form(c, token, { username: '', email: '' });
    })
    .post('/setup', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      const field = (name: string) => (typeof body[name] === 'string' ? body[name].trim() : '');
      const token = field('token');
      const values = { username: field('username'), email: field('email') };
      let username: string;
      try {
        const { account } = await completeOwnerSetup(c.var.deps, {
          token,
          ...values,
          password: typeof body.password === 'string' ? body.password : '',
          passwordConfirmation:
            typeof body.password_confirmation === 'string' ? body.password_confirmation : '',
        });
        username = account.username;
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.status === 404) return spent(c);
        return form(c, token, values, error.message);
      }
      return renderPage(c, {
        title: 'Owner created',
        body: html`<h1>Welcome, @${username}</h1>
          <p>The Owner account is ready and this set-up link no longer works.</p>
          <div class="actions"><a class="button" href="/auth/sign_in">Sign in</a></div>`,
      });
    });
}

/**
 * `GET/POST /auth/sign_in` and `POST /auth/sign_out`: signing in to the browser pages with an
 * e-mail address and password, mostly on the way to an app's consent page (`return_to`). A
 * failed attempt says only that the pair did not match, never which half was wrong.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { html } from 'hono/html';
import { checkCredentials } from '../domain/sessions/credentials.ts';
import { csrfField, verifyCsrf } from './csrf.ts';
import type { WebEnv } from './env.ts';
import { renderPage } from './render.ts';
import { currentSession, safeReturnPath, signIn, signOut } from './session.ts';

interface FormState {
  returnTo: string | null;
  email?: string;
  problem?: string;
}

async function signInForm(c: Context<WebEnv>, state: FormState): Promise<Response> {
  const signedIn = await currentSession(c);
  const domain = c.var.deps.config.localDomain;
  return renderPage(c, {
    title: 'Sign in',
    status: state.problem ? 401 : 200,
    body: html`<h1>Sign in</h1>
      ${state.problem ? html`<p class="error" role="alert">${state.problem}</p>` : ''}
      ${
        signedIn
          ? html`<p class="notice">
              You are signed in as <strong>@${signedIn.account.username}@${domain}</strong>. Sign in
              again to continue, with this account or another one.
            </p>`
          : ''
      }
      <form method="post" action="/auth/sign_in">
        ${csrfField(c)}
        ${
          state.returnTo
            ? html`<input type="hidden" name="return_to" value="${state.returnTo}" />`
            : ''
        }
        <label for="email">E-mail address</label>
        <input
          type="email"
          id="email"
          name="email"
          value="${state.email ?? ''}"
          required
          autocomplete="email"
          autofocus
        />
        <label for="password">Password</label>
        <input
          type="password"
          id="password"
          name="password"
          required
          autocomplete="current-password"
        />
        <p class="muted"><a href="/auth/password/new">Forgot your password?</a></p>
        <div class="actions"><button type="submit">Sign in</button></div>
      </form>`,
  });
}

/** Where a signed-in person lands when they came to sign in for its own sake. */
async function signedInPage(c: Context<WebEnv>): Promise<Response> {
  const signedIn = (await currentSession(c))!;
  return renderPage(c, {
    title: 'Signed in',
    body: html`<h1>You are signed in</h1>
      <p>
        As <strong>@${signedIn.account.username}@${c.var.deps.config.localDomain}</strong>. Apps
        that ask for access to your account will show you what they want before you agree.
      </p>
      <form method="post" action="/auth/sign_out">
        ${csrfField(c)}
        <div class="actions"><button type="submit" class="secondary">Sign out</button></div>
      </form>`,
  });
}

const formField = (body: Record<string, unknown>, name: string): string =>
  typeof body[name] === 'string' ? body[name] : '';

export function signInPages(): Hono<WebEnv> {
  return new Hono<WebEnv>()
    .get('/auth/sign_in', async (c) => {
      const returnTo = c.req.query('return_to');
      if (returnTo === undefined && (await currentSession(c))) return signedInPage(c);
      return signInForm(c, { returnTo: returnTo ? safeReturnPath(returnTo) : null });
    })
    .post('/auth/sign_in', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      const email = formField(body, 'email').trim();
      const returnTo = formField(body, 'return_to') || null;
      const user = await checkCredentials(c.var.deps, email, formField(body, 'password'));
      if (!user) {
        return signInForm(c, {
          returnTo,
          email,
          problem: 'Invalid e-mail address or password.',
        });
      }
      await signIn(c, user);
      return c.redirect(safeReturnPath(returnTo), 303);
    })
    .post('/auth/sign_out', verifyCsrf(), async (c) => {
      const body = await c.req.parseBody();
      await signOut(c);
      return c.redirect(safeReturnPath(formField(body, 'return_to')), 303);
    });
}

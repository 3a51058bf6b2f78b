/**
 * Who is signed in to the server-rendered pages: a cookie holding a session token
 * (domain/sessions/web-sessions.ts). The cookie is HttpOnly, SameSite=Lax (a form posted from
 * another site arrives without it) and Secure when Woolly is served over https.
 *
 * @example const signedIn = await currentSession(c); if (!signedIn) return c.redirect(signInUrl(c.req.url));
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { UserRecord } from '../db/repositories/users.ts';
import {
  endWebSession,
  resumeWebSession,
  startWebSession,
  webSessionLifetimeMs,
  type SignedIn,
} from '../domain/sessions/web-sessions.ts';
import type { WebEnv } from './env.ts';

export const sessionCookie = 'woolly_session';
const wellFormed = /^[A-Za-z0-9_-]{43}$/;

/** Per request, so that a page asking twice reads the database once. */
const resolved = new WeakMap<Request, SignedIn | null>();

function cookieToken(c: Context<WebEnv>): string | null {
  const token = getCookie(c, sessionCookie);
  return token && wellFormed.test(token) ? token : null;
}

/** The signed-in account and user of this browser, or null. */
export async function currentSession(c: Context<WebEnv>): Promise<SignedIn | null> {
  if (resolved.has(c.req.raw)) return resolved.get(c.req.raw)!;
  const token = cookieToken(c);
  const signedIn = token ? await resumeWebSession(c.var.deps, token, c.var.clientIp) : null;
  resolved.set(c.req.raw, signedIn);
  return signedIn;
}

/** Signs `user` in to this browser, ending the session it had. */
export async function signIn(c: Context<WebEnv>, user: UserRecord): Promise<void> {
  const previous = cookieToken(c);
  if (previous) await endWebSession(c.var.deps, previous);
  const token = await startWebSession(c.var.deps, user, {
    userAgent: c.req.header('user-agent') ?? null,
    ip: c.var.clientIp,
  });
  setCookie(c, sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.config.protocol === 'https',
    maxAge: Math.floor(webSessionLifetimeMs / 1000),
  });
}

export async function signOut(c: Context<WebEnv>): Promise<void> {
  const token = cookieToken(c);
  if (token) await endWebSession(c.var.deps, token);
  deleteCookie(c, sessionCookie, { path: '/', secure: c.var.deps.config.protocol === 'https' });
  resolved.set(c.req.raw, null);
}

/**
 * A local path to return to after signing in or out; anything else (another site, `//host`)
 * becomes `fallback`, so the sign-in page cannot be used to send people elsewhere.
 */
export function safeReturnPath(value: unknown, fallback = '/auth/sign_in'): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return fallback;
  return value;
}

/** The sign-in page, set to come back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return `/auth/sign_in?${new URLSearchParams({ return_to: returnTo })}`;
}

/**
 * Browser sessions of the server-rendered pages (sign-in, OAuth consent). The browser keeps a
 * random token in a cookie; the database keeps its hash, so a leaked database signs nobody in.
 */
import { hashToken, newToken } from '../../core/tokens.ts';
import { findAccountById, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findUserByAccountId, updateUser, type UserRecord } from '../../db/repositories/users.ts';
import {
  deleteWebSession,
  findWebSession,
  insertWebSession,
  touchWebSession,
} from '../../db/repositories/web-sessions.ts';
import type { Deps } from '../context.ts';

export const webSessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export interface SignedIn {
  account: AccountRecord;
  user: UserRecord;
}

/** Signs `user` in: records the session and the sign-in, returns the cookie's token. */
export async function startWebSession(
  deps: Pick<Deps, 'db' | 'clock'>,
  user: UserRecord,
  client: { userAgent: string | null; ip: string | null },
): Promise<string> {
  const token = newToken();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await insertWebSession(tx, {
      idHash: hashToken(token),
      accountId: user.accountId,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
      ip: client.ip,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + webSessionLifetimeMs,
    });
    await updateUser(tx, user.id, { lastSignInAt: now, lastSignInIp: client.ip });
  });
  return token;
}

/** Who the cookie's token signs in, or null when it is unknown, expired or its account gone. */
export async function resumeWebSession(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
  ip: string | null,
): Promise<SignedIn | null> {
  const idHash = hashToken(token);
  const session = await findWebSession(deps.db, idHash);
  if (!session) return null;
  const now = deps.clock.now();
  if (session.expiresAt <= now) {
    await deleteWebSession(deps.db, idHash);
    return null;
  }
  const [account, user] = await Promise.all([
    findAccountById(deps.db, session.accountId),
    findUserByAccountId(deps.db, session.accountId),
  ]);
  if (!account || !user) return null;
  await touchWebSession(deps.db, idHash, now, ip);
  return { account, user };
}

export async function endWebSession(deps: Pick<Deps, 'db'>, token: string): Promise<void> {
  await deleteWebSession(deps.db, hashToken(token));
}

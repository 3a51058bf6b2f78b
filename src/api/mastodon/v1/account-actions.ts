/**
 * What the signed-in account does to another, each answered with the Relationship after it:
 * POST /api/v1/accounts/:id/ follow, unfollow, remove_from_followers, block, unblock, mute,
 * unmute, note, endorse / unendorse (and their older names pin / unpin). Scopes are
 * Mastodon's, per action.
 */
import { Hono, type Context } from 'hono';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import { findVisibleAccount } from '../../../domain/accounts/find-account.ts';
import type { Deps } from '../../../domain/context.ts';
import { blockAccount } from '../../../domain/relationships/block.ts';
import { endorseAccount, unendorseAccount } from '../../../domain/relationships/endorse.ts';
import { followAccount } from '../../../domain/relationships/follow.ts';
import { muteAccount } from '../../../domain/relationships/mute.ts';
import { setAccountNote } from '../../../domain/relationships/note.ts';
import {
  loadRelationship,
  type Relationship,
} from '../../../domain/relationships/relationships.ts';
import { removeFromFollowers } from '../../../domain/relationships/remove-from-followers.ts';
import { unblockAccount } from '../../../domain/relationships/unblock.ts';
import { unfollowAccount } from '../../../domain/relationships/unfollow.ts';
import { unmuteAccount } from '../../../domain/relationships/unmute.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams, type Params } from '../params.ts';
import { serializeRelationship } from '../serializers/relationship.ts';

/** What an action does; it may say how its answer differs from the relationship as stored. */
type Action = (
  deps: Deps,
  source: AccountRecord,
  target: AccountRecord,
  params: Params,
) => Promise<Partial<Relationship> | void>;

/** Ruby's `String#to_i`, which Mastodon applies to `duration`: leading digits, else 0. */
export function rubyInteger(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value !== 'string') return 0;
  const match = /^\s*([+-]?\d[\d_]*)/.exec(value);
  return match ? Number.parseInt(match[1]!.replace(/_/g, ''), 10) : 0;
}

/** The longest mute a date can end on (JavaScript dates end in the year 275760). */
const longestMuteSeconds = 8_000_000_000_000;

function languagesParam(params: Params): string[] | null | undefined {
  if (!('languages' in params)) return undefined;
  const value = params.languages;
  if (value === null || value === '') return null;
  return (Array.isArray(value) ? value : [value]).map(String);
}

const actions: Record<string, { scopes: string[]; run: Action }> = {
  follow: {
    scopes: ['follow', 'write', 'write:follows'],
    run: async (deps, source, target, params) => {
      const outcome = await followAccount(deps, source, target, {
        reblogs: booleanParam(params.reblogs),
        notify: booleanParam(params.notify),
        languages: languagesParam(params),
      });
      // Mastodon answers a follow of an unlocked account as done, even when the account is
      // remote and its Accept is still to come (apps show "Unfollow" at once); the
      // relationships read later say `requested` until it arrives.
      const expectAccept = outcome === 'requested' && !target.locked && source.silencedAt === null;
      return expectAccept ? { following: true, requested: false } : {};
    },
  },
  unfollow: { scopes: ['follow', 'write', 'write:follows'], run: unfollowAccount },
  remove_from_followers: {
    scopes: ['follow', 'write', 'write:follows'],
    run: removeFromFollowers,
  },
  block: { scopes: ['follow', 'write', 'write:blocks'], run: blockAccount },
  unblock: { scopes: ['follow', 'write', 'write:blocks'], run: unblockAccount },
  mute: {
    scopes: ['follow', 'write', 'write:mutes'],
    run: async (deps, source, target, params) => {
      const duration = rubyInteger(params.duration);
      await muteAccount(deps, source, target, {
        notifications: booleanParam(params.notifications),
        durationSeconds: Math.max(-longestMuteSeconds, Math.min(duration, longestMuteSeconds)),
      });
    },
  },
  unmute: { scopes: ['follow', 'write', 'write:mutes'], run: unmuteAccount },
  note: {
    scopes: ['write', 'write:accounts'],
    run: async (deps, source, target, params) => {
      const comment = typeof params.comment === 'string' ? params.comment : '';
      await setAccountNote(deps, source, target, comment);
    },
  },
  endorse: { scopes: ['write', 'write:accounts'], run: endorseAccount },
  unendorse: { scopes: ['write', 'write:accounts'], run: unendorseAccount },
  // Mastodon's older names for endorsing, still used by apps.
  pin: { scopes: ['write', 'write:accounts'], run: endorseAccount },
  unpin: { scopes: ['write', 'write:accounts'], run: unendorseAccount },
};

async function act(c: Context<AppEnv>, action: Action): Promise<Response> {
  const { account } = currentUser(c.var.auth);
  const deps = c.var.deps;
  const target = (await findVisibleAccount(deps, c.req.param('id') ?? '')).account;
  const shown = await action(deps, account, target, await readParams(c));
  const relationship = await loadRelationship(deps, account.id, target.id);
  return c.json(serializeRelationship({ ...relationship, ...shown }));
}

export function accountActionsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  for (const [name, { scopes, run }] of Object.entries(actions)) {
    routes.post(`/api/v1/accounts/:id/${name}`, requireScopes(...scopes), requireUser(), (c) =>
      act(c, run),
    );
  }
  return routes;
}

/**
 * GET /api/v1/accounts/relationships and GET /api/v1/accounts/familiar_followers: what the
 * signed-in account is to each of the accounts named by `id[]`. Ids that name no account are
 * left out, as Mastodon does.
 */
import { Hono } from 'hono';
import { isId } from '../../../core/ids.ts';
import { familiarFollowers } from '../../../domain/relationships/familiar-followers.ts';
import { relationshipsFor } from '../../../domain/relationships/relationships.ts';
import { accountsJson } from '../accounts-json.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { readParams } from '../params.ts';
import { serializeFamiliarFollowers } from '../serializers/familiar-followers.ts';
import { serializeRelationship } from '../serializers/relationship.ts';

/** `id[]=1&id[]=2` or `id=1`, keeping the ids that can be ids at all. */
export function idsParam(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => String(v)).filter(isId);
}

export function accountsRelationshipsRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/api/v1/accounts/relationships',
      requireScopes('read', 'read:follows'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const params = await readParams(c);
        const relationships = await relationshipsFor(c.var.deps, account.id, idsParam(params.id), {
          withSuspended: booleanParam(params.with_suspended) === true,
        });
        return c.json(relationships.map(serializeRelationship));
      },
    )
    .get(
      '/api/v1/accounts/familiar_followers',
      requireScopes('read', 'read:follows'),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const params = await readParams(c);
        const results = await familiarFollowers(c.var.deps, account.id, idsParam(params.id));
        const everyone = new Map(results.flatMap((r) => r.followers).map((a) => [a.id, a]));
        const json = new Map(
          (await accountsJson(c.var.deps, [...everyone.values()])).map((a) => [a.id, a]),
        );
        return c.json(
          results.map((r) =>
            serializeFamiliarFollowers(
              r.accountId,
              r.followers.flatMap((a) => json.get(a.id) ?? []),
            ),
          ),
        );
      },
    );
}

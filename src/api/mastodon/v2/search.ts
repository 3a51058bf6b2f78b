/**
 * GET /api/v2/search (q, type, resolve, following, account_id, exclude_unreviewed, max_id,
 * min_id, offset, limit): accounts, hashtags and posts, as domain/search/search.ts finds
 * them. Anyone may search (a token, if sent, needs `read:search`); posts are only searched
 * for a signed-in user. An unknown `type` finds nothing, as in Mastodon.
 */
import { Hono } from 'hono';
import type { AccountResolver, UrlResolver } from '../../../domain/search/resolver.ts';
import { search, searchTypes, type SearchType } from '../../../domain/search/search.ts';
import { tagViews, unusedTagView } from '../../../domain/tags/tag-views.ts';
import { accountsJson } from '../accounts-json.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readParams } from '../params.ts';
import { checkAnonymousSearch, searchLimit, searchOffset, truthy } from '../search-params.ts';
import { serializeSearch } from '../serializers/search.ts';
import { serializeTag } from '../serializers/tag.ts';
import { statusesJson } from '../statuses-json.ts';

const text = (v: unknown): string | null =>
  v === undefined || v === null || v === '' ? null : String(v);

/**
 * `resolver` asks other servers for accounts by address, `urlResolver` for what a URL names;
 * null searches stored data only.
 */
export function searchV2Routes(
  resolver: AccountResolver | null = null,
  urlResolver: UrlResolver | null = null,
): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v2/search',
    scopesIfToken('read', 'read:search'),
    async (c) => {
      const deps = c.var.deps;
      const viewer = c.var.auth?.account ?? null;
      const params = await readParams(c);
      const offset = searchOffset(params);
      const resolve = truthy(params.resolve);
      checkAnonymousSearch(viewer !== null, offset, resolve);
      const type = text(params.type);
      if (type !== null && !(searchTypes as readonly string[]).includes(type)) {
        return c.json(serializeSearch({ accounts: [], statuses: [], hashtags: [] }));
      }
      const found = await search(
        deps,
        viewer,
        {
          query: text(params.q) ?? '',
          type: type as SearchType | null,
          resolve,
          following: truthy(params.following),
          accountId: text(params.account_id),
          excludeUnreviewed: truthy(params.exclude_unreviewed),
          maxId: text(params.max_id),
          minId: text(params.min_id),
          limit: searchLimit(params, 20),
          offset,
        },
        resolver,
        urlResolver,
      );
      const [accounts, statuses, views] = await Promise.all([
        accountsJson(deps, found.accounts),
        statusesJson(deps, found.statuses, viewer),
        tagViews(deps, found.hashtags.tags, viewer?.id ?? null),
      ]);
      const unused = found.hashtags.unused;
      const hashtags = [
        ...(unused === null ? [] : [unusedTagView(unused, deps.clock.now(), viewer !== null)]),
        ...views,
      ].map((view) => serializeTag(view, deps.config.baseUrl));
      return c.json(serializeSearch({ accounts, statuses, hashtags }));
    },
  );
}

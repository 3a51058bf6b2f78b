/**
 * A hashtag: GET /api/v1/tags/:name (anyone; `following` and `featuring` for a signed-in
 * viewer), and POST /api/v1/tags/:name/ follow | unfollow | feature | unfeature, each answered
 * with the Tag after it. A name that is not a hashtag is a 404; a name nobody has used yet is
 * shown as Mastodon shows it, with an empty id and no uses.
 */
import { Hono, type Context } from 'hono';
import { notFound } from '../../../core/errors.ts';
import type { AccountRecord } from '../../../db/repositories/accounts.ts';
import type { TagRecord } from '../../../db/repositories/tags.ts';
import type { Deps } from '../../../domain/context.ts';
import { featureTag, unfeatureTag } from '../../../domain/tags/feature-tag.ts';
import { findTag, isValidTagName } from '../../../domain/tags/find-tag.ts';
import { followTag, unfollowTag } from '../../../domain/tags/follow-tag.ts';
import { tagViews, unusedTagView } from '../../../domain/tags/tag-views.ts';
import type { AppEnv } from '../env.ts';
import { currentUser, requireScopes, requireUser } from '../middleware/auth.ts';
import { serializeTag } from '../serializers/tag.ts';

type TagAction = (deps: Deps, account: AccountRecord, name: string) => Promise<TagRecord | null>;

async function answerTag(
  c: Context<AppEnv>,
  name: string,
  tag: TagRecord | null,
  viewer: AccountRecord | null,
): Promise<Response> {
  const deps = c.var.deps;
  const [view] = tag
    ? await tagViews(deps, [tag], viewer?.id ?? null)
    : [unusedTagView(name, deps.clock.now(), viewer !== null)];
  return c.json(serializeTag(view!, deps.config.baseUrl));
}

const actions: [string, string[], TagAction][] = [
  ['follow', ['follow', 'write', 'write:follows'], followTag],
  ['unfollow', ['follow', 'write', 'write:follows'], unfollowTag],
  ['feature', ['write', 'write:accounts'], featureTag],
  ['unfeature', ['write', 'write:accounts'], unfeatureTag],
];

export function tagsRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>().get('/api/v1/tags/:name', async (c) => {
    const name = c.req.param('name');
    if (!isValidTagName(name)) throw notFound();
    return answerTag(c, name, await findTag(c.var.deps, name), c.var.auth?.account ?? null);
  });
  for (const [action, scopes, run] of actions) {
    routes.post(
      `/api/v1/tags/:name/${action}`,
      requireScopes(...scopes),
      requireUser(),
      async (c) => {
        const { account } = currentUser(c.var.auth);
        const name = c.req.param('name');
        if (!isValidTagName(name)) throw notFound();
        return answerTag(c, name, await run(c.var.deps, account, name), account);
      },
    );
  }
  return routes;
}

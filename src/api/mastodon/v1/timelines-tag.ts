/**
 * GET /api/v1/timelines/tag/:hashtag: public posts with the hashtag (or any of `any[]`), all
 * of `all[]` and none of `none[]`; `local`, `remote`, `only_media`. Anyone may read (a token,
 * if sent, needs `read:statuses`).
 */
import { Hono } from 'hono';
import { tagTimeline } from '../../../domain/timelines/tag-timeline.ts';
import { booleanParam } from '../boolean-param.ts';
import type { AppEnv } from '../env.ts';
import { scopesIfToken } from '../middleware/scopes-if-token.ts';
import { readPage, setLinkHeader } from '../pagination.ts';
import { readParams, type Params } from '../params.ts';
import { statusesJson } from '../statuses-json.ts';
import { timelinePageLimits } from './timelines.ts';

/** `any[]=a&any[]=b`, or `any=a`: the names given, as Rails reads an array parameter. */
function names(params: Params, key: string): string[] {
  const value = params[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

export function timelinesTagRoutes(): Hono<AppEnv> {
  return new Hono<AppEnv>().get(
    '/api/v1/timelines/tag/:hashtag',
    scopesIfToken('read', 'read:statuses'),
    async (c) => {
      const deps = c.var.deps;
      const viewer = c.var.auth?.account ?? null;
      const params = await readParams(c);
      const page = readPage(c, timelinePageLimits);
      const statuses = await tagTimeline(
        deps,
        viewer,
        c.req.param('hashtag'),
        {
          any: names(params, 'any'),
          all: names(params, 'all'),
          none: names(params, 'none'),
          local: booleanParam(params.local),
          remote: booleanParam(params.remote),
          onlyMedia: booleanParam(params.only_media),
          languages: c.var.auth?.user?.chosenLanguages ?? null,
        },
        page,
      );
      setLinkHeader(
        c,
        page,
        statuses.map((s) => s.id),
      );
      return c.json(await statusesJson(deps, statuses, viewer, { filterContext: 'public' }));
    },
  );
}

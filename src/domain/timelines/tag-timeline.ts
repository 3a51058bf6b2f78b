/**
 * GET /api/v1/timelines/tag/:hashtag: Mastodon's TagFeed. Public posts (replies included, no
 * boosts) tagged with the hashtag or any of `any[]`, with every one of `all[]` and none of
 * `none[]`; `local`/`remote` as the public timeline, `only_media` those with attachments. Read from the (tag, status) index
 * newest first. A hashtag nobody used gives an empty list, as does an unknown `all[]` tag.
 */
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { placeholders, type SqlValue } from '../../db/database.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { findTag } from '../tags/find-tag.ts';
import { readFilteredPage } from './filtered-page.ts';
import { boundsSql, languageCondition, originCondition } from './public-timeline.ts';
import { visibleInPublic } from './visible-now.ts';

export interface TagTimelineFilter {
  any?: readonly string[];
  all?: readonly string[];
  none?: readonly string[];
  local?: boolean;
  remote?: boolean;
  onlyMedia?: boolean;
  /** The reader's chosen languages (a user setting): only posts in these, when set. */
  languages?: readonly string[] | null;
}

async function tagIds(deps: Pick<Deps, 'db'>, names: readonly string[]) {
  const found = await Promise.all(names.map((n) => findTag(deps, n)));
  return {
    ids: [...new Set(found.filter((t) => t !== null).map((t) => t.id))],
    allFound: found.every((t) => t !== null),
  };
}

export async function tagTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  hashtag: string,
  filter: TagTimelineFilter,
  page: Page,
): Promise<StatusRecord[]> {
  const any = await tagIds(deps, [hashtag, ...(filter.any ?? [])]);
  const all = await tagIds(deps, filter.all ?? []);
  const none = await tagIds(deps, filter.none ?? []);
  if (any.ids.length === 0 || !all.allFound) return [];
  const origin = originCondition(filter);
  return readFilteredPage(
    deps.db,
    page,
    async (bounds) => {
      const q = boundsSql(bounds, 'st.status_id');
      const where = [
        `st.tag_id IN (${placeholders(any.ids.length)})`,
        "s.visibility = 'public'",
        's.deleted_at IS NULL',
        's.reblog_of_id IS NULL',
        ...(origin ? [origin] : []),
        ...(filter.onlyMedia
          ? ['EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = st.status_id)']
          : []),
      ];
      const language = languageCondition(filter.languages);
      where.push(...language.where);
      const params: SqlValue[] = [...any.ids, ...language.params];
      if (all.ids.length > 0) {
        where.push(
          `(SELECT COUNT(*) FROM statuses_tags a WHERE a.status_id = st.status_id AND a.tag_id IN (${placeholders(all.ids.length)})) = ${all.ids.length}`,
        );
        params.push(...all.ids);
      }
      if (none.ids.length > 0) {
        where.push(
          `NOT EXISTS (SELECT 1 FROM statuses_tags n WHERE n.status_id = st.status_id AND n.tag_id IN (${placeholders(none.ids.length)}))`,
        );
        params.push(...none.ids);
      }
      where.push(...q.where);
      params.push(...q.params);
      const rows = await deps.db.all<{ id: string | number }>(
        `SELECT DISTINCT st.status_id AS id FROM statuses_tags st JOIN statuses s ON s.id = st.status_id
          WHERE ${where.join(' AND ')} ${q.orderLimit}`,
        params,
      );
      return rows.map((r) => String(r.id));
    },
    (statuses) => visibleInPublic(deps, viewer, statuses),
  );
}

/**
 * GET /api/v1/timelines/link?url=: the posts sharing a trending link (Mastodon's LinkFeed).
 * A link that is unknown, not trending or rejected is a 404, as in Mastodon. The reader's
 * blocks, mutes and domain blocks are dropped as the page is read.
 */
import { notFound } from '../../core/errors.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import type { StatusRecord } from '../../db/repositories/statuses.ts';
import { linkTimelineIds } from '../../db/views/link-timeline.ts';
import type { Deps } from '../context.ts';
import type { Page } from '../pagination.ts';
import { readFilteredPage } from '../timelines/filtered-page.ts';
import { visibleInPublic } from '../timelines/visible-now.ts';
import { trendingCardByUrl } from '../trends/read.ts';

export interface LinkTimelineFilter {
  local: boolean;
  languages: readonly string[] | null;
}

export async function linkTimeline(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord | null,
  url: string,
  filter: LinkTimelineFilter,
  page: Page,
): Promise<StatusRecord[]> {
  const card = await trendingCardByUrl(deps, url);
  if (!card) throw notFound();
  return readFilteredPage(
    deps.db,
    page,
    (bounds) =>
      linkTimelineIds(deps.db, {
        cardId: card.id,
        localOnly: filter.local,
        languages: filter.languages,
        ...bounds,
      }),
    (statuses) => visibleInPublic(deps, viewer, statuses),
  );
}

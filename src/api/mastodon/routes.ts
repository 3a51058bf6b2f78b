/**
 * The Mastodon client API: every `/api/v1` and `/api/v2` router, mounted in one place.
 * One file per resource under v1/ and v2/.
 */
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';
import { defaultImageRoutes } from '../default-images.ts';
import { mediaFileRoutes } from '../media-files.ts';
import { mediaProxyRoutes } from '../media-proxy.ts';
import { mediaV1Routes } from './v1/media.ts';
import { mediaV2Routes } from './v2/media.ts';
import { accountsRoutes } from './v1/accounts.ts';
import { accountsCredentialsRoutes } from './v1/accounts-credentials.ts';
import { accountsLookupRoutes } from './v1/accounts-lookup.ts';
import { customEmojisRoutes } from './v1/custom-emojis.ts';
import { instanceV1Routes } from './v1/instance.ts';
import { preferencesRoutes } from './v1/preferences.ts';
import { instanceV2Routes } from './v2/instance.ts';
import { accountActionsRoutes } from './v1/account-actions.ts';
import { accountListsRoutes } from './v1/account-lists.ts';
import { accountStatusesRoutes } from './v1/account-statuses.ts';
import { accountInListsRoutes } from './v1/account-in-lists.ts';
import { timelinesRoutes } from './v1/timelines.ts';
import { timelinesTagRoutes } from './v1/timelines-tag.ts';
import { timelinesListRoutes } from './v1/timelines-list.ts';
import { listsRoutes } from './v1/lists.ts';
import { markersRoutes } from './v1/markers.ts';
import { conversationsRoutes } from './v1/conversations.ts';
import { accountsRelationshipsRoutes } from './v1/accounts-relationships.ts';
import { blocksRoutes } from './v1/blocks.ts';
import { domainBlocksRoutes } from './v1/domain-blocks.ts';
import { endorsementsRoutes } from './v1/endorsements.ts';
import { featuredTagsRoutes } from './v1/featured-tags.ts';
import { followRequestsRoutes } from './v1/follow-requests.ts';
import { followedTagsRoutes } from './v1/followed-tags.ts';
import { mutesRoutes } from './v1/mutes.ts';
import { reportsRoutes } from './v1/reports.ts';
import { tagsRoutes } from './v1/tags.ts';
import { appsRoutes } from './v1/apps.ts';
import { emailRoutes } from './v1/emails.ts';
import { statusesRoutes } from './v1/statuses.ts';
import { statusesContextRoutes } from './v1/statuses-context.ts';
import { statusesHistoryRoutes } from './v1/statuses-history.ts';
import { pollsRoutes } from './v1/polls.ts';
import { scheduledStatusesRoutes } from './v1/scheduled-statuses.ts';
import { statusesReblogsRoutes } from './v1/statuses-reblogs.ts';
import { statusesFavouritesRoutes } from './v1/statuses-favourites.ts';
import { statusesBookmarksRoutes } from './v1/statuses-bookmarks.ts';
import { statusesPinsRoutes } from './v1/statuses-pins.ts';
import { statusesMutesRoutes } from './v1/statuses-mutes.ts';
import { statusesInteractorsRoutes } from './v1/statuses-interactors.ts';
import { statusesReactionsRoutes } from './v1/statuses-reactions.ts';
import { statusesQuotesRoutes } from './v1/statuses-quotes.ts';
import { favouritesRoutes } from './v1/favourites.ts';
import { bookmarksRoutes } from './v1/bookmarks.ts';
import { notificationsRoutes } from './v1/notifications.ts';
import { notificationsDismissRoutes } from './v1/notifications-dismiss.ts';
import { notificationsUnreadRoutes } from './v1/notifications-unread.ts';
import { notificationRequestsRoutes } from './v1/notifications-requests.ts';
import { notificationPolicyV1Routes } from './v1/notifications-policy.ts';
import { notificationsV2Routes } from './v2/notifications.ts';
import { notificationGroupActionsRoutes } from './v2/notifications-group-actions.ts';
import { notificationsUnreadV2Routes } from './v2/notifications-unread.ts';
import { notificationPolicyV2Routes } from './v2/notifications-policy.ts';
import { pushSubscriptionRoutes } from './v1/push-subscription.ts';
import { filtersV1Routes } from './v1/filters.ts';
import { filtersV2Routes } from './v2/filters.ts';
import { filterKeywordsRoutes } from './v2/filters-keywords.ts';
import { filterStatusesRoutes } from './v2/filters-statuses.ts';
import { searchV2Routes } from './v2/search.ts';
import type { AccountResolver, UrlResolver } from '../../domain/search/resolver.ts';
import { accountsSearchRoutes } from './v1/accounts-search.ts';
import { adminDomainBlocksRoutes } from './admin/domain-blocks.ts';
import { instanceDomainBlocksRoutes } from './admin/instance-domain-blocks.ts';
import { announcementsRoutes } from './v1/announcements.ts';
import { directoryRoutes } from './v1/directory.ts';
import { suggestionsRoutes } from './v1/suggestions.ts';
import { trendsRoutes } from './v1/trends.ts';
import { timelinesLinkRoutes } from './v1/timelines-link.ts';

export interface MastodonApiOptions {
  /** Finds accounts on other servers for searches with `resolve=true` (federation/). */
  resolveAccount?: AccountResolver;
  /** Fetches what a URL names from its server for searches with `resolve=true`. */
  resolveUrl?: UrlResolver;
}

export function mastodonApi(options: MastodonApiOptions = {}): Hono<AppEnv> {
  const resolver = options.resolveAccount ?? null;
  const api = new Hono<AppEnv>();
  // Before the accounts router: `/api/v1/accounts/relationships` and `/familiar_followers`
  // must not be taken for `/api/v1/accounts/:id`.
  api.route('/', accountsRelationshipsRoutes());
  api.route('/', accountsCredentialsRoutes());
  api.route('/', accountsLookupRoutes());
  api.route('/', accountsSearchRoutes(resolver));
  api.route('/', accountActionsRoutes());
  api.route('/', accountListsRoutes());
  api.route('/', accountStatusesRoutes());
  api.route('/', accountInListsRoutes());
  api.route('/', timelinesRoutes());
  api.route('/', timelinesTagRoutes());
  api.route('/', timelinesListRoutes());
  api.route('/', listsRoutes());
  api.route('/', markersRoutes());
  api.route('/', conversationsRoutes());
  api.route('/', followRequestsRoutes());
  api.route('/', blocksRoutes());
  api.route('/', mutesRoutes());
  api.route('/', endorsementsRoutes());
  api.route('/', domainBlocksRoutes());
  api.route('/', featuredTagsRoutes());
  api.route('/', followedTagsRoutes());
  api.route('/', tagsRoutes());
  api.route('/', reportsRoutes());
  api.route('/', appsRoutes());
  api.route('/', emailRoutes());
  api.route('/', statusesRoutes());
  api.route('/', statusesContextRoutes());
  api.route('/', statusesHistoryRoutes());
  api.route('/', pollsRoutes());
  api.route('/', scheduledStatusesRoutes());
  api.route('/', statusesReblogsRoutes());
  api.route('/', statusesFavouritesRoutes());
  api.route('/', statusesBookmarksRoutes());
  api.route('/', statusesPinsRoutes());
  api.route('/', statusesMutesRoutes());
  api.route('/', statusesInteractorsRoutes());
  api.route('/', statusesReactionsRoutes());
  api.route('/', statusesQuotesRoutes());
  api.route('/', favouritesRoutes());
  api.route('/', bookmarksRoutes());
  // The literal paths (policy, requests, unread_count) before `/api/v2/notifications/:group_key`.
  api.route('/', notificationPolicyV1Routes());
  api.route('/', notificationRequestsRoutes());
  api.route('/', notificationsUnreadRoutes());
  api.route('/', notificationsDismissRoutes());
  api.route('/', notificationsRoutes());
  api.route('/', notificationPolicyV2Routes());
  api.route('/', notificationsUnreadV2Routes());
  api.route('/', notificationGroupActionsRoutes());
  api.route('/', notificationsV2Routes());
  api.route('/', pushSubscriptionRoutes());
  // `/api/v2/filters/keywords/:id` and `/statuses/:id` before `/api/v2/filters/:id`.
  api.route('/', filterKeywordsRoutes());
  api.route('/', filterStatusesRoutes());
  api.route('/', filtersV2Routes());
  api.route('/', filtersV1Routes());
  api.route('/', searchV2Routes(resolver, options.resolveUrl ?? null));
  // `/api/v1/accounts/:id` hands Mastodon's literal paths (lookup, search...) on to later routers.
  api.route('/', accountsRoutes());
  api.route('/', preferencesRoutes());
  api.route('/', announcementsRoutes());
  api.route('/', directoryRoutes());
  api.route('/', suggestionsRoutes());
  api.route('/', trendsRoutes());
  api.route('/', timelinesLinkRoutes());
  api.route('/', instanceDomainBlocksRoutes());
  api.route('/', instanceV1Routes());
  api.route('/', adminDomainBlocksRoutes());
  api.route('/', instanceV2Routes());
  api.route('/', customEmojisRoutes());
  api.route('/', mediaV1Routes());
  api.route('/', mediaV2Routes());
  // The default avatar and header that Account entities link to.
  api.route('/', defaultImageRoutes());
  // Uploaded files, when they are kept on local disk.
  api.route('/', mediaFileRoutes());
  // Remote attachments not in the media cache: fetched on demand, then redirected to.
  api.route('/', mediaProxyRoutes());
  return api;
}

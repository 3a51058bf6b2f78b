/**
 * Everything needed to show statuses to one viewer, loaded for a whole list in a fixed number
 * of queries (never one per status): authors, boosted and quoted statuses, mentions, tags,
 * polls with the viewer's votes, the posting application, and what the viewer did with each
 * (favourited, boosted, bookmarked, pinned, muted the thread).
 */
import type { CustomEmojiRecord } from '../../db/repositories/custom-emojis.ts';
import { emojisOfStatuses, emojiTextsOfStatus } from '../custom-emojis/status-emojis.ts';
import { findAccountsByIds, type AccountRecord } from '../../db/repositories/accounts.ts';
import { findMediaByStatusIds } from '../../db/repositories/media-attachments.ts';
import { findMentionsByStatusIds } from '../../db/repositories/mentions.ts';
import {
  findCardsByStatusIds,
  type PreviewCardRecord,
} from '../../db/repositories/preview-cards.ts';
import { findOwnVotes, findPollsByIds, type PollRecord } from '../../db/repositories/polls.ts';
import {
  findStatusesByIds,
  type QuoteState,
  type StatusRecord,
} from '../../db/repositories/statuses.ts';
import type { FilterContext } from '../../db/repositories/filters.ts';
import { findTagsByStatusIds, type TagRecord } from '../../db/repositories/tags.ts';
import {
  findApplicationsForStatuses,
  findViewerStatusFlags,
  type StatusApplication,
} from '../../db/views/statuses.ts';
import { loadAccountViews, type AccountView } from '../accounts/account-views.ts';
import type { Deps } from '../context.ts';
import { matchFilters, searchableText, type FilterMatch } from '../filters/match.ts';
import { viewerFilters } from '../filters/viewer-filters.ts';
import { mediaView, type MediaView } from '../media-attachments/media-view.ts';
import { reactionsOfStatuses, type ReactionSummary } from '../reactions/status-reactions.ts';
import { checkAccess } from './access.ts';
import { quoteDecision, type QuoteDecision } from './quote-policy.ts';

export interface PollView {
  poll: PollRecord;
  /** The viewer's choices; null for an anonymous viewer. */
  ownVotes: number[] | null;
}

export interface QuoteView {
  state: QuoteState;
  quotedStatusId: string | null;
  /** The quoted status when the viewer may see it; only loaded one level deep. */
  status: StatusView | null;
}

export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  muted: boolean;
  bookmarked: boolean;
  pinned: boolean;
}

export interface StatusView {
  status: StatusRecord;
  account: AccountView;
  /** The posting application, when the author shows it. */
  application: StatusApplication | null;
  /** Accounts shown as mentioned (not the silent mentions), in the order they were made. */
  mentions: AccountRecord[];
  tags: TagRecord[];
  /** The attachments, in upload order. */
  media: MediaView[];
  poll: PollView | null;
  /** The link preview card (preview-cards/fetch-card.ts), once fetched. */
  card: PreviewCardRecord | null;
  reblog: StatusView | null;
  quote: QuoteView | null;
  /** null for an anonymous viewer. */
  viewer: ViewerFlags | null;
  /** Whether the viewer may quote the status. */
  quoteDecision: QuoteDecision;
  /** The viewer's filters this status matches (a boost: those of the boosted post). */
  filtered: FilterMatch[];
  /** The custom emojis its text uses. */
  emojis?: CustomEmojiRecord[];
  /** Its emoji reactions (Pleroma's `emoji_reactions`), when it has any. */
  reactions?: ReactionSummary[];
}

export interface StatusViewOptions {
  /**
   * The context of the list being read. Its filters apply and statuses matching a `hide`
   * filter are left out; without one (a single post), every active filter applies and
   * nothing is left out, as Mastodon's API answers.
   */
  filterContext?: FilterContext | null;
}

const mutedThread = (muted: Set<string>, conversationId: string | null): boolean =>
  conversationId !== null && muted.has(conversationId);

/**
 * Views of `statuses` for `viewer`, in the same order. Statuses whose author is gone are
 * left out. Visibility is the caller's business; quoted statuses are checked here.
 */
export async function loadStatusViews(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  statuses: readonly StatusRecord[],
  viewer: AccountRecord | null,
  options: StatusViewOptions = {},
): Promise<StatusView[]> {
  if (statuses.length === 0) return [];
  const filterContext = options.filterContext ?? null;
  const byId = new Map<string, StatusRecord>(statuses.map((s) => [s.id, s]));
  const fetchMissing = async (ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null && !byId.has(id)))];
    for (const s of await findStatusesByIds(deps.db, wanted)) byId.set(s.id, s);
  };
  await fetchMissing(statuses.map((s) => s.reblogOfId));
  const shown = [...byId.values()];
  await fetchMissing(shown.map((s) => s.quoteOfId));
  const all = [...byId.values()];
  const ids = all.map((s) => s.id);

  const applicationIds = [
    ...new Set(all.map((s) => s.applicationId).filter((id): id is string => id !== null)),
  ];
  const pollIds = all.map((s) => s.pollId).filter((id): id is string => id !== null);
  // Read alongside the rest (usually one query that finds nothing); its error, if any, is
  // thrown where it is awaited, not left unhandled while the others are read.
  const reactionsLoading = reactionsOfStatuses(deps, ids, viewer?.id ?? null);
  reactionsLoading.catch(() => {});
  const [mentions, tags, polls, applications, flags, ownVotes, access, media, filters, cards] =
    await Promise.all([
      findMentionsByStatusIds(deps.db, ids),
      findTagsByStatusIds(deps.db, ids),
      findPollsByIds(deps.db, pollIds),
      findApplicationsForStatuses(deps.db, applicationIds),
      viewer
        ? findViewerStatusFlags(deps.db, viewer.id, ids, [
            ...new Set(all.map((s) => s.conversationId).filter((c): c is string => c !== null)),
          ])
        : Promise.resolve(null),
      viewer ? findOwnVotes(deps.db, pollIds, viewer.id) : Promise.resolve(null),
      checkAccess(deps, viewer, all),
      findMediaByStatusIds(deps.db, ids),
      viewer
        ? viewerFilters(deps.db, viewer.id, deps.clock.now(), filterContext)
        : Promise.resolve([]),
      findCardsByStatusIds(deps.db, ids),
    ]);
  const reactions = await reactionsLoading;
  const mediaOf = new Map<string, MediaView[]>();
  for (const m of media) {
    const list = mediaOf.get(m.statusId!) ?? [];
    list.push(mediaView(deps.config, m));
    mediaOf.set(m.statusId!, list);
  }

  const accountIds = new Set(all.map((s) => s.accountId));
  for (const m of mentions) if (!m.silent) accountIds.add(m.accountId);
  for (const id of access.authors.keys()) accountIds.delete(id);
  const accounts = new Map(access.authors);
  for (const a of await findAccountsByIds(deps.db, [...accountIds])) accounts.set(a.id, a);

  const authorViews = new Map(
    (
      await loadAccountViews(
        deps,
        [...new Set(all.map((s) => s.accountId))]
          .map((id) => accounts.get(id))
          .filter((a): a is AccountRecord => a !== undefined),
      )
    ).map((v) => [v.account.id, v]),
  );
  const mentionsOf = new Map<string, AccountRecord[]>();
  for (const m of mentions) {
    const account = accounts.get(m.accountId);
    if (m.silent || !account) continue;
    const list = mentionsOf.get(m.statusId) ?? [];
    list.push(account);
    mentionsOf.set(m.statusId, list);
  }
  const pollsById = new Map(polls.map((p) => [p.id, p]));
  const emojisOf = await emojisOfStatuses(
    deps,
    all.map((s) => ({
      statusId: s.id,
      domain: accounts.get(s.accountId)?.domain ?? null,
      texts: emojiTextsOfStatus(s, s.pollId ? pollsById.get(s.pollId) : null),
    })),
  );

  const build = (status: StatusRecord, depth: number): StatusView | null => {
    const author = authorViews.get(status.accountId);
    if (!author) return null;
    const poll = status.pollId ? pollsById.get(status.pollId) : undefined;
    // Mastodon's show_application?: the author's choice, but always to the author.
    const own = viewer !== null && viewer.id === status.accountId;
    const application =
      status.applicationId !== null &&
      (own ||
        (author.user !== null &&
          (author.user.settings as { show_application?: boolean }).show_application !== false))
        ? (applications.get(status.applicationId) ?? null)
        : null;
    const reblogOf = status.reblogOfId ? byId.get(status.reblogOfId) : undefined;
    return {
      filtered: filtersMatching(status, reblogOf),
      status,
      account: author,
      application,
      mentions: mentionsOf.get(status.id) ?? [],
      tags: tags.get(status.id) ?? [],
      media: mediaOf.get(status.id) ?? [],
      emojis: emojisOf.get(status.id) ?? [],
      reactions: reactions.get(status.id),
      poll: poll ? { poll, ownVotes: ownVotes ? (ownVotes.get(poll.id) ?? []) : null } : null,
      card: cards.get(status.id) ?? null,
      reblog: reblogOf && depth === 0 ? build(reblogOf, 1) : null,
      quote: quoteOf(status, depth),
      // A boost shows what the viewer did with the boosted post, as Mastodon's
      // `favourited?(status.proper)`: boosting answers with `reblogged: true` on the boost.
      viewer: flags
        ? {
            favourited: flags.favourited.has((reblogOf ?? status).id),
            reblogged: flags.reblogged.has((reblogOf ?? status).id),
            muted: mutedThread(flags.mutedConversations, (reblogOf ?? status).conversationId),
            bookmarked: flags.bookmarked.has((reblogOf ?? status).id),
            pinned: flags.pinned.has(status.id),
          }
        : null,
      quoteDecision: quoteDecision(
        status,
        access.viewer ? { id: access.viewer.account.id, facts: access.viewer.facts } : null,
      ),
    };
  };

  const filtersMatching = (status: StatusRecord, reblogOf: StatusRecord | undefined) => {
    if (filters.length === 0) return [];
    const proper = reblogOf ?? status;
    const poll = proper.pollId ? pollsById.get(proper.pollId) : undefined;
    const text = searchableText(
      proper,
      poll ? poll.options : null,
      (mediaOf.get(proper.id) ?? []).map((m) => m.attachment.description),
    );
    return matchFilters(filters, text, reblogOf ? [status.id, reblogOf.id] : [status.id]);
  };

  const quoteOf = (status: StatusRecord, depth: number): QuoteView | null => {
    if (status.quoteState === null) return null;
    // A quote inside a quoted status is shown shallow (its id only) and was not loaded.
    if (status.quoteState !== 'accepted' || depth >= 2) {
      return { state: status.quoteState, quotedStatusId: status.quoteOfId, status: null };
    }
    const target = status.quoteOfId ? byId.get(status.quoteOfId) : undefined;
    if (!target) return { state: 'deleted', quotedStatusId: status.quoteOfId, status: null };
    const state = quoteStateFor(target);
    return {
      state,
      quotedStatusId: target.id,
      status: state === 'accepted' ? build(target, 2) : null,
    };
  };

  const quoteStateFor = (target: StatusRecord): QuoteState => {
    if (!access.canSee(target)) return 'unauthorized';
    const v = access.viewer;
    if (!v || target.accountId === v.account.id) return 'accepted';
    const author = access.authors.get(target.accountId);
    if (v.facts.blocking.has(target.accountId)) return 'blocked_account';
    if (author?.domain && v.facts.blockedDomains.has(author.domain.toLowerCase())) {
      return 'blocked_domain';
    }
    if (v.facts.muting.has(target.accountId)) return 'muted_account';
    return 'accepted';
  };

  return statuses
    .map((s) => build(byId.get(s.id) ?? s, 0))
    .filter((v): v is StatusView => v !== null)
    .filter((v) => filterContext === null || !v.filtered.some((m) => m.filter.action === 'hide'));
}

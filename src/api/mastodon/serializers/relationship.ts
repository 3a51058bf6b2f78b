/** Mastodon's Relationship entity (REST::RelationshipSerializer), in its key order. */
import type { Relationship } from '../../../domain/relationships/relationships.ts';

export interface RelationshipJson {
  id: string;
  following: boolean;
  showing_reblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
  muting_expires_at: string | null;
  requested: boolean;
  requested_by: boolean;
  domain_blocking: boolean;
  endorsed: boolean;
  note: string;
}

/** `2026-02-12T13:45:25Z`: Mastodon gives when a mute ends to the second. */
const toSecond = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function serializeRelationship(r: Relationship): RelationshipJson {
  return {
    id: r.accountId,
    following: r.following,
    showing_reblogs: r.showingReblogs,
    notifying: r.notifying,
    languages: r.languages,
    followed_by: r.followedBy,
    blocking: r.blocking,
    blocked_by: r.blockedBy,
    muting: r.muting,
    muting_notifications: r.mutingNotifications,
    muting_expires_at: r.mutingExpiresAt === null ? null : toSecond(r.mutingExpiresAt),
    requested: r.requested,
    requested_by: r.requestedBy,
    domain_blocking: r.domainBlocking,
    endorsed: r.endorsed,
    note: r.note,
  };
}

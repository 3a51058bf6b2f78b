/**
 * The status an interaction is about. As in Mastodon's status controllers, the id must name a
 * status the viewer may see (anything else is the same 404 as a missing one, so nothing
 * leaks); a boost stands for the boosted post (Mastodon's `Status#proper`), which is what is
 * favourited, bookmarked, boosted or muted.
 */
import { notFound } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import type { AccountRecord } from '../../db/repositories/accounts.ts';
import { findStatusById, type StatusRecord } from '../../db/repositories/statuses.ts';
import type { Deps } from '../context.ts';
import type { RelationshipFacts } from '../relationships/facts.ts';
import { checkAccess } from '../statuses/access.ts';

export interface InteractionTarget {
  /** The status the id names: what the endpoint answers with. */
  shown: StatusRecord;
  /** The boosted post when `shown` is a boost, otherwise `shown`. */
  proper: StatusRecord;
  /** The viewer's relationships to the authors of both. */
  facts: RelationshipFacts;
}

/** The status `id` names, or null when there is none (or it is deleted). */
export async function findStatus(deps: Pick<Deps, 'db'>, id: string): Promise<StatusRecord | null> {
  return isId(id) ? findStatusById(deps.db, id) : null;
}

/** The status `id` names and the post it stands for, if `viewer` may see them; else 404. */
export async function findInteractionTarget(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: AccountRecord,
  id: string,
): Promise<InteractionTarget> {
  const shown = await findStatus(deps, id);
  if (!shown) throw notFound();
  const proper =
    shown.reblogOfId === null ? shown : await findStatusById(deps.db, shown.reblogOfId);
  if (!proper) throw notFound();
  const access = await checkAccess(deps, viewer, shown === proper ? [shown] : [shown, proper]);
  if (!access.canSee(shown) || !access.viewer) throw notFound();
  return { shown, proper, facts: access.viewer.facts };
}

/** The status `id` names, read again after a change so that its counters are current. */
export async function reloadStatus(
  deps: Pick<Deps, 'db'>,
  status: StatusRecord,
): Promise<StatusRecord> {
  return (await findStatusById(deps.db, status.id)) ?? status;
}

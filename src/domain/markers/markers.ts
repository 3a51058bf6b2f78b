/**
 * Where an account stopped reading its home timeline and notifications (GET/POST
 * /api/v1/markers), so that every app resumes at the same place. Only Mastodon's two
 * timelines are kept; others asked for are ignored, as Mastodon ignores them.
 */
import { unprocessable } from '../../core/errors.ts';
import { isId } from '../../core/ids.ts';
import { findMarker, saveMarker, type MarkerRecord } from '../../db/repositories/markers.ts';
import type { Deps } from '../context.ts';

export const markerTimelines = ['home', 'notifications'] as const;
export type MarkerTimeline = (typeof markerTimelines)[number];

export const isMarkerTimeline = (name: string): name is MarkerTimeline =>
  (markerTimelines as readonly string[]).includes(name);

export async function readMarkers(
  deps: Pick<Deps, 'db'>,
  accountId: string,
  timelines: readonly string[],
): Promise<MarkerRecord[]> {
  const wanted = [...new Set(timelines.filter(isMarkerTimeline))];
  const found = await Promise.all(wanted.map((t) => findMarker(deps.db, accountId, t)));
  return found.filter((m): m is MarkerRecord => m !== null);
}

/** Saves the given positions in one transaction; returns the markers as saved. */
export async function saveMarkers(
  deps: Pick<Deps, 'db' | 'clock'>,
  accountId: string,
  positions: Partial<Record<MarkerTimeline, string>>,
): Promise<MarkerRecord[]> {
  const entries = Object.entries(positions) as [MarkerTimeline, string][];
  for (const [, id] of entries) {
    if (!isId(id)) throw unprocessable("Validation failed: Last read can't be blank");
  }
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const [timeline, id] of entries) await saveMarker(tx, accountId, timeline, id, now);
  });
  return readMarkers(
    deps,
    accountId,
    entries.map(([t]) => t),
  );
}

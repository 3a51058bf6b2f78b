/**
 * What an admin does with announcements (Mastodon's Admin::AnnouncementsController): create,
 * edit, publish, unpublish, delete. An announcement shows to every signed-in user while it is
 * published; streams hear of it through `announcement.published` and `announcement.removed`.
 */
import { notFound } from '../../core/errors.ts';
import {
  deleteAnnouncementRow,
  findAnnouncement,
  insertAnnouncement,
  listAnnouncements,
  updateAnnouncementRow,
  type AnnouncementRecord,
} from '../../db/repositories/announcements.ts';
import type { Deps } from '../context.ts';
import { addError, fieldError, recordInvalid, type FieldErrors } from '../validation.ts';

export interface AnnouncementInput {
  text: string;
  /** When the announced event starts and ends (both or neither). */
  startsAt?: number | null;
  endsAt?: number | null;
  /** The event lasts whole days: apps show dates without times. */
  allDay?: boolean;
  /** Publish now (default false: a draft). */
  publish?: boolean;
}

const maxTextLength = 10_000;

function validate(a: AnnouncementRecord): void {
  const details: FieldErrors = {};
  if (a.text.trim() === '') addError(details, 'text', fieldError.blank());
  if (a.text.length > maxTextLength) addError(details, 'text', fieldError.tooLong(maxTextLength));
  if (a.startsAt !== null && a.endsAt === null) addError(details, 'ends_at', fieldError.blank());
  if (a.endsAt !== null && a.startsAt === null) addError(details, 'starts_at', fieldError.blank());
  if (a.startsAt !== null && a.endsAt !== null && a.endsAt < a.startsAt) {
    addError(details, 'ends_at', fieldError.invalid('must be after the start'));
  }
  if (Object.keys(details).length > 0) throw recordInvalid(details);
}

export async function createAnnouncement(
  deps: Pick<Deps, 'db' | 'ids' | 'clock' | 'events'>,
  input: AnnouncementInput,
): Promise<AnnouncementRecord> {
  const now = deps.clock.now();
  const publish = input.publish ?? false;
  const record: AnnouncementRecord = {
    id: deps.ids.next(),
    text: input.text,
    published: publish,
    allDay: input.allDay ?? false,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    publishedAt: publish ? now : null,
    createdAt: now,
    updatedAt: now,
  };
  validate(record);
  await insertAnnouncement(deps.db, record);
  if (publish) await deps.events.emit('announcement.published', { announcementId: record.id });
  return record;
}

export async function getAnnouncement(
  deps: Pick<Deps, 'db'>,
  id: string,
): Promise<AnnouncementRecord> {
  const found = await findAnnouncement(deps.db, id);
  if (!found) throw notFound();
  return found;
}

/** Every announcement, drafts included, for the admin. */
export async function allAnnouncements(deps: Pick<Deps, 'db'>): Promise<AnnouncementRecord[]> {
  return listAnnouncements(deps.db, { publishedOnly: false });
}

/** Changes the text or dates; a published announcement is sent to the streams again. */
export async function updateAnnouncement(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  id: string,
  changes: Omit<Partial<AnnouncementInput>, 'publish'>,
): Promise<AnnouncementRecord> {
  const current = await getAnnouncement(deps, id);
  const next: AnnouncementRecord = {
    ...current,
    text: changes.text ?? current.text,
    allDay: changes.allDay ?? current.allDay,
    startsAt: changes.startsAt === undefined ? current.startsAt : changes.startsAt,
    endsAt: changes.endsAt === undefined ? current.endsAt : changes.endsAt,
    updatedAt: deps.clock.now(),
  };
  validate(next);
  await updateAnnouncementRow(deps.db, next);
  if (next.published) await deps.events.emit('announcement.published', { announcementId: id });
  return next;
}

export async function publishAnnouncement(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  id: string,
): Promise<AnnouncementRecord> {
  const current = await getAnnouncement(deps, id);
  if (current.published) return current;
  const now = deps.clock.now();
  const next = { ...current, published: true, publishedAt: now, updatedAt: now };
  await updateAnnouncementRow(deps.db, next);
  await deps.events.emit('announcement.published', { announcementId: id });
  return next;
}

export async function unpublishAnnouncement(
  deps: Pick<Deps, 'db' | 'clock' | 'events'>,
  id: string,
): Promise<AnnouncementRecord> {
  const current = await getAnnouncement(deps, id);
  if (!current.published) return current;
  const next = { ...current, published: false, publishedAt: null, updatedAt: deps.clock.now() };
  await updateAnnouncementRow(deps.db, next);
  await deps.events.emit('announcement.removed', { announcementId: id });
  return next;
}

export async function deleteAnnouncement(
  deps: Pick<Deps, 'db' | 'events'>,
  id: string,
): Promise<void> {
  const current = await getAnnouncement(deps, id);
  await deleteAnnouncementRow(deps.db, id);
  if (current.published) await deps.events.emit('announcement.removed', { announcementId: id });
}

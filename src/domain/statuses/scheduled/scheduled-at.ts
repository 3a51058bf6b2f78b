/**
 * Reading `scheduled_at` as Rails' `String#to_datetime` reads it, for the forms clients send:
 * ISO 8601 with or without a zone (none means UTC), a bare date, or anything `Date.parse`
 * understands with an explicit zone. Blank means "not scheduled".
 */
import { ValidationErrors } from '../validation-errors.ts';
import { countScheduledStatuses } from '../../../db/repositories/scheduled-statuses.ts';
import type { Queryable } from '../../../db/database.ts';
import { maxScheduledPerDay, maxScheduledTotal, minScheduleOffsetMs } from '../limits.ts';

const isoLike =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Milliseconds since the epoch, null when blank, 'invalid' when it cannot be read. */
export function parseScheduledAt(raw: unknown): number | null | 'invalid' {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'string') return 'invalid';
  const value = raw.trim();
  if (value === '') return null;
  const iso = isoLike.exec(value);
  let ms: number;
  if (iso) {
    const zone = iso[3] ?? 'Z';
    const offset = /^[+-]\d{2}$/.test(zone)
      ? `${zone}:00`
      : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
    ms = Date.parse(`${iso[1]}T${iso[2] ?? '00:00:00'}${offset.toUpperCase()}`);
  } else {
    ms = Date.parse(value);
  }
  return Number.isNaN(ms) ? 'invalid' : ms;
}

const dayMs = 86_400_000;

/**
 * ScheduledStatus's validations: far enough ahead, and within the account's limits (300 in
 * all, 25 on one day). `exceptId` is the post being moved, which does not count against the
 * day it moves to.
 */
export async function checkSchedule(
  db: Queryable,
  accountId: string,
  scheduledAt: number,
  now: number,
  options: { exceptId?: string } = {},
): Promise<ValidationErrors> {
  const errors = new ValidationErrors();
  if (scheduledAt <= now + minScheduleOffsetMs) {
    errors.add('scheduled_at', 'date must be in the future');
  }
  if (options.exceptId === undefined) {
    if ((await countScheduledStatuses(db, accountId)) >= maxScheduledTotal) {
      errors.add(null, `You have exceeded the limit of ${maxScheduledTotal} scheduled posts`);
    }
  }
  const from = Math.floor(scheduledAt / dayMs) * dayMs;
  const sameDay = await countScheduledStatuses(db, accountId, {
    from,
    to: from + dayMs,
    exceptId: options.exceptId,
  });
  if (sameDay >= maxScheduledPerDay) {
    errors.add(
      null,
      `You have exceeded the limit of ${maxScheduledPerDay} scheduled posts for today`,
    );
  }
  return errors;
}

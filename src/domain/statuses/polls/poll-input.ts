/**
 * A poll as the author asks for it, and Mastodon's rules for one (Poll's validations,
 * PollOptionsValidator, PollExpirationValidator). Errors are added under `prefix`: a poll
 * posted with its status reports "Poll options ...", one saved on its own "Options ...".
 */
import { pollLimits } from '../../instance/limits.ts';
import type { ValidationErrors } from '../validation-errors.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** An option's length as Mastodon counts it: grapheme clusters, links not shortened. */
const optionLength = (option: string): number => Array.from(graphemes.segment(option)).length;

export interface PollInput {
  options: string[];
  /** Seconds from now; null when the author gave none. */
  expiresIn: number | null;
  multiple: boolean;
  hideTotals: boolean;
}

/**
 * Poll#prepare_options: each option stripped of surrounding ASCII whitespace (Ruby's
 * `strip`), and options that are then blank (Unicode spaces included) dropped.
 */
export function preparePollOptions(options: readonly string[]): string[] {
  return options
    .map((o) => o.replace(/^[\t\n\v\f\r \0]+|[\t\n\v\f\r \0]+$/g, ''))
    .filter((o) => !/^\s*$/u.test(o));
}

/** When a poll asked for now ends: `expires_in` seconds from `now`. */
export function pollExpiresAt(poll: PollInput, now: number): number | null {
  return poll.expiresIn === null ? null : now + Math.trunc(poll.expiresIn) * 1000;
}

/** Adds the poll's problems to `errors`, in the order Mastodon reports them. */
export function validatePoll(
  errors: ValidationErrors,
  prefix: '' | 'poll.',
  poll: PollInput,
  now: number,
): void {
  const options = poll.options;
  if (options.length === 0) errors.add(`${prefix}options`, "can't be blank");
  const expiresAt = pollExpiresAt(poll, now);
  if (expiresAt === null) errors.add(`${prefix}expires_at`, "can't be blank");
  if (options.length < 2) errors.add(`${prefix}options`, 'must have more than one item');
  if (options.length > pollLimits.maxOptions) {
    errors.add(`${prefix}options`, `can't contain more than ${pollLimits.maxOptions} items`);
  }
  if (options.some((o) => optionLength(o) > pollLimits.maxCharactersPerOption)) {
    errors.add(
      `${prefix}options`,
      `cannot be longer than ${pollLimits.maxCharactersPerOption} characters each`,
    );
  }
  if (new Set(options).size !== options.length) {
    errors.add(`${prefix}options`, 'contain duplicate items');
  }
  if (expiresAt !== null) {
    const seconds = (expiresAt - now) / 1000;
    if (seconds > pollLimits.maxExpiration) {
      errors.add(`${prefix}expires_at`, 'is too far into the future');
    }
    if (Math.ceil(seconds) < pollLimits.minExpiration) {
      errors.add(`${prefix}expires_at`, 'is too soon');
    }
  }
}

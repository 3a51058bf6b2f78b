/**
 * Mastodon's rules for local usernames: letters, digits and underscores only (dots and dashes
 * are allowed in remote usernames, never in local ones), at most 30 characters, not reserved.
 */
import type { FieldError } from '../../core/errors.ts';
import { fieldError } from '../validation.ts';

export const usernameMaxLength = 30;
const pattern = /^[a-z0-9_]+$/i;

// Names that would confuse people or that the server itself uses (Mastodon's reserved list
// plus paths of Woolly's own).
const reserved = new Set([
  'admin',
  'administrator',
  'support',
  'help',
  'root',
  'webmaster',
  'mod',
  'moderator',
  'moderators',
  'hostmaster',
  'postmaster',
  'abuse',
  'security',
  'ssladmin',
  'info',
  'owner',
  'staff',
  'system',
  'woolly',
  'actor',
  'instance',
  'inbox',
  'outbox',
  'api',
  'oauth',
  'well-known',
  'settings',
  'auth',
  'about',
  'explore',
  'public',
  'media',
  'static',
  'health',
]);

/**
 * The problems with `username` for a new local account, in Mastodon's error codes and in the
 * order its validations run (format, length, reserved; the caller adds ERR_TAKEN). Like Rails,
 * every failing rule is reported, not only the first.
 */
export function checkUsername(
  username: string,
  options: { allowReserved?: boolean } = {},
): FieldError[] {
  if (username.trim() === '') return [fieldError.blank()];
  const errors: FieldError[] = [];
  if (!pattern.test(username)) {
    errors.push(fieldError.invalid('must contain only letters, numbers and underscores'));
  }
  if ([...username].length > usernameMaxLength) errors.push(fieldError.tooLong(usernameMaxLength));
  if (!options.allowReserved && reserved.has(username.toLowerCase())) {
    errors.push(fieldError.reserved());
  }
  return errors;
}

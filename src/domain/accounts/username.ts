/** Mastodon's rules for local usernames. */
import type { FieldError } from '../../core/errors.ts';

export const usernameMaxLength = 30;
const pattern = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i;

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

/** The problems with `username` for a new local account, in Mastodon's error codes. */
export function checkUsername(
  username: string,
  options: { allowReserved?: boolean } = {},
): FieldError[] {
  if (username.trim() === '') return [{ error: 'ERR_BLANK', description: "can't be blank" }];
  if (username.length > usernameMaxLength) {
    return [
      {
        error: 'ERR_TOO_LONG',
        description: `is too long (maximum is ${usernameMaxLength} characters)`,
      },
    ];
  }
  if (!pattern.test(username)) {
    return [
      { error: 'ERR_INVALID', description: 'must contain only letters, numbers and underscores' },
    ];
  }
  if (!options.allowReserved && reserved.has(username.toLowerCase())) {
    return [{ error: 'ERR_RESERVED', description: 'is reserved' }];
  }
  return [];
}

/**
 * Mastodon's OAuth scopes: the top-level `read`, `write`, `follow` (deprecated), `push`,
 * `profile`, `admin:read`, `admin:write`, and the granular ones under them.
 */
const granular = {
  read: [
    'accounts',
    'blocks',
    'bookmarks',
    'favourites',
    'filters',
    'follows',
    'lists',
    'mutes',
    'notifications',
    'search',
    'statuses',
  ],
  write: [
    'accounts',
    'blocks',
    'bookmarks',
    'conversations',
    'favourites',
    'filters',
    'follows',
    'lists',
    'media',
    'mutes',
    'notifications',
    'reports',
    'statuses',
  ],
  'admin:read': [
    'accounts',
    'reports',
    'domain_allows',
    'domain_blocks',
    'ip_blocks',
    'email_domain_blocks',
    'canonical_email_blocks',
  ],
  'admin:write': [
    'accounts',
    'reports',
    'domain_allows',
    'domain_blocks',
    'ip_blocks',
    'email_domain_blocks',
    'canonical_email_blocks',
  ],
} as const;

const children = (parent: keyof typeof granular) => granular[parent].map((c) => `${parent}:${c}`);

/**
 * Every scope Woolly knows, in Mastodon's order (its default scope, then its optional ones), as
 * `/.well-known/oauth-authorization-server` lists them.
 */
export const allScopes: string[] = [
  'read',
  'write',
  ...children('write'),
  ...children('read'),
  'follow',
  'push',
  'profile',
  'admin:read',
  ...children('admin:read'),
  'admin:write',
  ...children('admin:write'),
];

/** What an app or a token gets when it asks for no scope: Doorkeeper's default scopes. */
export const defaultScopes: readonly string[] = ['read'];

const known = new Set(allScopes);

/** What the deprecated `follow` scope stood for. */
const followExpansion = [
  'read:follows',
  'write:follows',
  'read:blocks',
  'write:blocks',
  'read:mutes',
  'write:mutes',
];

/** Splits a space- or `+`-separated scope string; empty means Mastodon's default, `read`. */
export function parseScopes(value: string | null | undefined): string[] {
  const list = (value ?? '').split(/[\s+]+/).filter(Boolean);
  return list.length ? [...new Set(list)] : ['read'];
}

/** The scopes in `list` that Woolly does not know. */
export function unknownScopes(list: readonly string[]): string[] {
  return list.filter((s) => !known.has(s));
}

/** True when a token holding `held` may use an endpoint that accepts any of `accepted`. */
export function scopesAllow(held: readonly string[], accepted: readonly string[]): boolean {
  return accepted.some((want) => held.some((have) => covers(have, want)));
}

function covers(have: string, want: string): boolean {
  if (have === want) return true;
  if (have === 'follow') return followExpansion.includes(want);
  // `read` covers `read:statuses`; `admin:read` covers `admin:read:accounts`.
  return want.startsWith(`${have}:`);
}

/**
 * True when an app registered with `registered` may ask for `requested`. As in Mastodon
 * (Doorkeeper), each requested scope must be registered exactly: an app registered with `read`
 * may not ask for `read:statuses` (mastodon/mastodon#22140).
 */
export function scopesRegistered(
  requested: readonly string[],
  registered: readonly string[],
): boolean {
  return (
    requested.length > 0 &&
    requested.every((scope) => known.has(scope) && registered.includes(scope))
  );
}

/** The scope list an OAuth request asked for: its own, or the defaults the app registered. */
export function requestedScopes(value: string | null | undefined, registered: readonly string[]) {
  const asked = (value ?? '').split(/[\s+]+/).filter(Boolean);
  if (asked.length) return [...new Set(asked)];
  return defaultScopes.filter((scope) => registered.includes(scope));
}

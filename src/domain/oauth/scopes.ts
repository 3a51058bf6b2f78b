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

/** Every scope Woolly knows, for `/.well-known/oauth-authorization-server`. */
export const allScopes: string[] = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'admin:read',
  'admin:write',
  ...Object.entries(granular).flatMap(([parent, children]) =>
    children.map((c) => `${parent}:${c}`),
  ),
];

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

/** True when every scope in `requested` is within `allowed` (an app asking for a token). */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((scope) => allowed.some((have) => covers(have, scope)));
}

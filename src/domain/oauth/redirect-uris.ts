/**
 * Redirect URIs as Doorkeeper treats them. Apps register any absolute URI (custom schemes
 * such as `com.example.app:/oauth` included) or `urn:ietf:wg:oauth:2.0:oob` to be shown the
 * code; at authorization the requested URI must equal a registered one, ignoring its query
 * unless the registered one has a query, and ignoring the port of loopback addresses
 * (RFC 8252 §7.3). WHATWG `URL` is not used: it rewrites custom-scheme URIs and would accept
 * URIs that Mastodon refuses.
 */

/** The out-of-band URIs: the code is shown on a page instead of being sent anywhere. */
const oobUris = new Set(['urn:ietf:wg:oauth:2.0:oob', 'urn:ietf:wg:oauth:2.0:oob:auto']);

export function isOobUri(uri: string): boolean {
  return oobUris.has(uri);
}

/** The parts of a URI (RFC 3986 §3). `opaque` is the rest of `mailto:x`-style URIs. */
export interface UriParts {
  scheme: string | null;
  userinfo: string | null;
  host: string | null;
  port: string | null;
  path: string;
  opaque: string | null;
  query: string | null;
  fragment: string | null;
}

// RFC 3986 appendix B, with the authority split into userinfo, host and port.
const shape =
  /^(?:([^:/?#]+):)?(?:\/\/(?:([^/?#@]*)@)?(\[[^\]/?#]*\]|[^:/?#]*)(?::([^/?#]*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;
const allowedCharacters = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/** The parts of `text`, or null when it is not a URI at all (spaces, stray `#`, bad port). */
export function parseUri(text: string): UriParts | null {
  if (!allowedCharacters.test(text)) return null;
  const match = shape.exec(text);
  if (!match) return null;
  const [, scheme, userinfo, host, port, rest, query, fragment] = match;
  if (scheme !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(scheme)) return null;
  if (port !== undefined && !/^[0-9]*$/.test(port)) return null;
  if (fragment?.includes('#') || host?.includes('[') !== host?.startsWith('[')) return null;
  const hasAuthority = host !== undefined;
  const opaque = scheme !== undefined && !hasAuthority && rest !== '' && !rest!.startsWith('/');
  return {
    scheme: scheme ?? null,
    userinfo: userinfo ?? null,
    host: host ?? null,
    port: port || null,
    path: opaque ? '' : rest!,
    opaque: opaque ? rest! : null,
    query: query ?? null,
    fragment: fragment ?? null,
  };
}

export function formatUri(parts: UriParts): string {
  let text = parts.scheme !== null ? `${parts.scheme}:` : '';
  if (parts.host !== null) {
    text += '//';
    if (parts.userinfo !== null) text += `${parts.userinfo}@`;
    text += parts.host;
    if (parts.port !== null) text += `:${parts.port}`;
  }
  text += parts.opaque ?? parts.path;
  if (parts.query !== null) text += `?${parts.query}`;
  if (parts.fragment !== null) text += `#${parts.fragment}`;
  return text;
}

const forbiddenSchemes = new Set(['data', 'vbscript', 'javascript']);
const hypertext = (scheme: string | null) => scheme === 'http' || scheme === 'https';

/**
 * Why `uri` cannot be registered, in Doorkeeper's words (`Redirect URI <problem>`); empty when
 * it can.
 */
export function registrationProblems(uri: string): string[] {
  if (isOobUri(uri)) return [];
  const parts = parseUri(uri);
  if (!parts) return ['must be a valid URI.'];
  const scheme = parts.scheme?.toLowerCase() ?? null;
  const problems: string[] = [];
  if (scheme && forbiddenSchemes.has(scheme)) problems.push('is forbidden by the server.');
  if (parts.fragment !== null) problems.push('cannot contain a fragment.');
  if (parts.opaque !== null || scheme === 'localhost') problems.push('must specify a scheme.');
  if (scheme === null && parts.host === null) problems.push('must be an absolute URI.');
  if (hypertext(scheme) && !parts.host) problems.push('must be a valid URI.');
  return problems;
}

/** True when `uri` may be redirected to: absolute, with a host for http(s), no fragment. */
function usableForRedirect(parts: UriParts): boolean {
  const scheme = parts.scheme?.toLowerCase() ?? null;
  if (!scheme || scheme === 'localhost' || forbiddenSchemes.has(scheme)) return false;
  if (hypertext(scheme) && !parts.host) return false;
  return parts.fragment === null && parts.opaque === null;
}

function isLoopback(host: string | null): boolean {
  if (!host) return false;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '[::1]';
}

function comparable(parts: UriParts, withPort: boolean) {
  const scheme = parts.scheme?.toLowerCase() ?? null;
  const defaultPort = scheme === 'http' ? '80' : scheme === 'https' ? '443' : null;
  return JSON.stringify([
    scheme,
    parts.userinfo,
    parts.host?.toLowerCase() ?? null,
    withPort ? (parts.port ?? defaultPort) : null,
    parts.opaque ?? (parts.path === '' && parts.host !== null ? '/' : parts.path),
  ]);
}

function sameQuery(a: string | null, b: string) {
  const pairs = (q: string | null) =>
    [...new URLSearchParams(q ?? '')].map((p) => JSON.stringify(p)).sort();
  return JSON.stringify(pairs(a)) === JSON.stringify(pairs(b));
}

/** True when the requested URI is one of the registered ones, as Doorkeeper compares them. */
export function redirectUriAllowed(requested: string, registered: readonly string[]): boolean {
  if (isOobUri(requested)) return registered.includes(requested);
  const wanted = parseUri(requested);
  if (!wanted || !usableForRedirect(wanted)) return false;
  return registered.some((candidate) => {
    const allowed = parseUri(candidate);
    if (!allowed) return false;
    if (allowed.query !== null && !sameQuery(wanted.query, allowed.query)) return false;
    const withPort = !(isLoopback(wanted.host) && isLoopback(allowed.host));
    return comparable(wanted, withPort) === comparable(allowed, withPort);
  });
}

/**
 * `uri` with `params` added to its query (or, for `response_mode=fragment`, as its fragment).
 * Parameters already in the query are kept; empty values are left out, as Doorkeeper does.
 */
export function withResponseParams(
  uri: string,
  params: Record<string, string | null | undefined>,
  where: 'query' | 'fragment' = 'query',
): string {
  const parts = parseUri(uri);
  if (!parts) throw new Error(`not a URI: ${uri}`);
  const added = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) added.set(key, value);
  if (where === 'fragment') return formatUri({ ...parts, fragment: added.toString() });
  const query = new URLSearchParams(parts.query ?? '');
  for (const [key, value] of added) query.set(key, value);
  return formatUri({ ...parts, query: query.toString() || null });
}

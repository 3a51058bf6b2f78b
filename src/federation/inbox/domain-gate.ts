/**
 * Activities from suspended servers never reach Fedify: a POST to an inbox whose signing key
 * or actor lives on a domain the instance suspended is answered 202 and dropped, as Mastodon
 * acknowledges and ignores what its suspended peers send (a 4xx would only make them retry).
 * Dropping it before Fedify also means no key or actor is fetched from that server.
 *
 * @example app.use(inboxDomainGate(deps)); // before the federation middleware
 */
import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../../domain/context.ts';
import { hasDomainBlocks, isDomainSuspended } from '../../domain/domain-blocks/rules.ts';
import { inboxBody } from './body.ts';

const hostOf = (value: unknown): string | null => {
  const id =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'id' in value
        ? (value as { id: unknown }).id
        : null;
  if (typeof id !== 'string') return null;
  try {
    return new URL(id).host;
  } catch {
    return null;
  }
};

/** The `actor` of a JSON body, if it is one. */
function actorOf(body: Uint8Array | null): unknown {
  if (!body) return null;
  try {
    const json = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString());
    return typeof json === 'object' && json !== null ? (json as { actor?: unknown }).actor : null;
  } catch {
    return null;
  }
}

/** The key id of a draft-cavage `Signature` or an RFC 9421 `Signature-Input` header. */
function signingHost(headers: Headers): string | null {
  const header = headers.get('signature') ?? headers.get('signature-input') ?? '';
  const keyId = /keyid="([^"]+)"/i.exec(header)?.[1];
  return keyId ? hostOf(keyId) : null;
}

export function inboxDomainGate(deps: Deps): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST' || !/\/inbox\/?$/.test(c.req.path)) return next();
    if (!(await hasDomainBlocks(deps))) return next();
    const hosts = new Set<string>();
    const signer = signingHost(c.req.raw.headers);
    if (signer) hosts.add(signer);
    // Read once for the gate and the intake behind it (body.ts); over the limit, the intake
    // answers 413.
    const actor = hostOf(actorOf(await inboxBody(c.req.raw).catch(() => null)));
    if (actor) hosts.add(actor);
    for (const host of hosts) {
      if (await isDomainSuspended(deps, host)) {
        deps.log.debug('inbox: dropped an activity from a suspended domain', { domain: host });
        return c.body(null, 202);
      }
    }
    return next();
  };
}

/**
 * The client's address, as Rails' RemoteIp finds it for Mastodon: when the peer is a trusted
 * proxy, the right-most address in X-Forwarded-For that is not itself a trusted proxy (an
 * address a client wrote further left could be forged). The trusted proxies are the addresses
 * and CIDR ranges of TRUSTED_PROXY_IP; unset, Rails' defaults (loopback and the private and
 * link-local ranges). Requests answered in-process (tests) have no peer and are trusted.
 */
import { BlockList, isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './mastodon/env.ts';

/** Rails' ActionDispatch::RemoteIp::TRUSTED_PROXIES. */
const defaultTrusted = [
  '127.0.0.0/8',
  '::1',
  'fc00::/7',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  'fe80::/10',
];

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.1`) as the IPv4 address it carries. */
export function plainAddress(ip: string): string {
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/**
 * Whether an address belongs to `entries` (addresses or CIDR ranges). Throws on an entry
 * that is neither, so a typo in TRUSTED_PROXY_IP stops the start instead of trusting nothing.
 */
export function addressMatcher(entries: readonly string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= max))) {
      throw new Error(`TRUSTED_PROXY_IP: "${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return (ip) => {
    const plain = plainAddress(ip);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The client address of a request from `peer` (null: in-process) with `forwardedFor`. */
export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | undefined,
  trust: (ip: string) => boolean,
): string | null {
  let ip = peer === null ? null : plainAddress(peer);
  if (ip !== null && !trust(ip)) return ip;
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((s) => plainAddress(s.trim()))
    .filter((s) => isIP(s) !== 0);
  while (forwarded.length > 0) {
    ip = forwarded.pop()!;
    if (!trust(ip)) break;
  }
  return ip;
}

/** Whether the request came on a socket of @hono/node-server's, where getConnInfo finds it. */
function hasSocket(env: unknown): boolean {
  type Bindings = { incoming?: { socket?: unknown }; server?: Bindings } | undefined;
  const bindings = (env as Bindings)?.server ?? (env as Bindings);
  return bindings?.incoming?.socket != null;
}

export function clientIp(trusted: readonly string[]): MiddlewareHandler<AppEnv> {
  const trust = addressMatcher(trusted.length > 0 ? trusted : defaultTrusted);
  return (c, next) => {
    // In-process requests (tests, `woolly.http.request`) have no socket: asking getConnInfo
    // for theirs would throw, and an exception costs a stack capture on every request.
    const peer = hasSocket(c.env) ? (getConnInfo(c).remote.address ?? null) : null;
    c.set('clientIp', resolveClientIp(peer, c.req.header('x-forwarded-for'), trust));
    return next();
  };
}

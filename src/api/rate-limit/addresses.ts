/**
 * IPv6 prefixes for throttling: one IPv6 host usually holds a whole /64, so counting it by
 * address would let it change address at every request.
 */
import { isIPv6 } from 'node:net';

/** The groups of an IPv6 address as eight numbers, or null when it is not one. */
function ipv6Groups(ip: string): number[] | null {
  if (!isIPv6(ip)) return null;
  let text = ip.split('%')[0]!;
  // An IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = 8 - left.length - right.length;
  return [...left, ...Array<number>(Math.max(0, zeros)).fill(0), ...right];
}

/** `2001:db8:1:2:aaaa::1` with 64 bits is `2001:db8:1:2::/64`; not an IPv6 address: itself. */
export function ipv6Prefix(ip: string, bits: 64): string {
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  return `${groups
    .slice(0, bits / 16)
    .map((g) => g.toString(16))
    .join(':')}::/${bits}`;
}

/**
 * Domain names as instance domain blocks compare them: a block names a host (punycode, lower
 * case; a port only when the admin gave one) and covers its subdomains, as Mastodon's
 * `DomainBlock.rule_for` does.
 */
import { unprocessable } from '../../core/errors.ts';
import { normalizeBlockedDomain } from '../relationships/domain-block.ts';

/** The domain as stored, or Mastodon's 422 for a name that is not one. */
export function normalizeInstanceDomain(input: string | null | undefined): string {
  const trimmed = (input ?? '').trim().replace(/^[a-z]+:\/\//i, '');
  const port = /:(\d{1,5})\/?$/.exec(trimmed);
  const host = normalizeBlockedDomain(port ? trimmed.slice(0, port.index) : trimmed);
  if (port && Number(port[1]) > 65535) {
    throw unprocessable('Validation failed: Domain is not a valid domain name');
  }
  return port ? `${host}:${port[1]}` : host;
}

/**
 * The names a block on which would cover `domain`, most specific first: `a.b.example:8443`,
 * `a.b.example`, `b.example`, `example`.
 */
export function coveringDomains(domain: string): string[] {
  const lower = domain.toLowerCase();
  const colon = lower.lastIndexOf(':');
  const host = colon > 0 && /^\d+$/.test(lower.slice(colon + 1)) ? lower.slice(0, colon) : lower;
  const labels = host.split('.');
  const names = labels.map((_, i) => labels.slice(i).join('.')).filter((n) => n !== '');
  return host === lower ? names : [lower, ...names];
}

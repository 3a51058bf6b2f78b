/**
 * Which instance domain block applies to a domain. Every inbound activity and every delivery
 * asks, so the blocks are held in memory per database, reloaded after a minute (other
 * processes may have changed them) and at once when this process changes them.
 *
 * @example if (await isDomainSuspended(deps, 'spam.example')) return;
 */
import type { Queryable } from '../../db/database.ts';
import {
  allInstanceDomainBlocks,
  type InstanceDomainBlockRecord,
} from '../../db/repositories/instance-domain-blocks.ts';
import type { Deps } from '../context.ts';
import { coveringDomains } from './domain-name.ts';

const freshForMs = 60_000;

interface Loaded {
  byDomain: Map<string, InstanceDomainBlockRecord>;
  loadedAt: number;
}

const loaded = new WeakMap<Queryable, Promise<Loaded>>();

async function load(db: Queryable): Promise<Loaded> {
  const blocks = await allInstanceDomainBlocks(db);
  return { byDomain: new Map(blocks.map((b) => [b.domain, b])), loadedAt: performance.now() };
}

async function blocks(db: Queryable): Promise<Map<string, InstanceDomainBlockRecord>> {
  let current = loaded.get(db);
  if (current) {
    const value = await current.catch(() => null);
    if (value && performance.now() - value.loadedAt < freshForMs) return value.byDomain;
  }
  current = load(db);
  loaded.set(db, current);
  return (await current).byDomain;
}

/** Drops the held blocks of `db`, after a change. */
export function forgetDomainBlockRules(db: Queryable): void {
  loaded.delete(db);
}

/** The most specific block covering `domain`; null for local accounts (no domain). */
export async function domainBlockRule(
  deps: Pick<Deps, 'db'>,
  domain: string | null,
): Promise<InstanceDomainBlockRecord | null> {
  if (!domain) return null;
  const byDomain = await blocks(deps.db);
  if (byDomain.size === 0) return null;
  for (const name of coveringDomains(domain)) {
    const block = byDomain.get(name);
    if (block) return block;
  }
  return null;
}

/** True when the instance suspended `domain`: nothing from it is taken, nothing sent to it. */
export async function isDomainSuspended(
  deps: Pick<Deps, 'db'>,
  domain: string | null,
): Promise<boolean> {
  return (await domainBlockRule(deps, domain))?.severity === 'suspend';
}

/** True when reports from `domain` are refused (its block says so, or it is suspended). */
export async function rejectsReportsFrom(
  deps: Pick<Deps, 'db'>,
  domain: string | null,
): Promise<boolean> {
  const rule = await domainBlockRule(deps, domain);
  return rule !== null && (rule.rejectReports || rule.severity === 'suspend');
}

/**
 * True when media from `domain` is not to be fetched or kept (the remote media cache asks
 * this before downloading; until it exists Woolly only links remote media).
 */
export async function rejectsMediaFrom(
  deps: Pick<Deps, 'db'>,
  domain: string | null,
): Promise<boolean> {
  const rule = await domainBlockRule(deps, domain);
  return rule !== null && (rule.rejectMedia || rule.severity === 'suspend');
}

/** True when the instance has any domain block at all (most have none: nothing to check). */
export async function hasDomainBlocks(deps: Pick<Deps, 'db'>): Promise<boolean> {
  return (await blocks(deps.db)).size > 0;
}

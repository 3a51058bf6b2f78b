/**
 * Which servers are reachable, as an admin sees it (`woolly instances list`). Deliveries go
 * through Fedify's per-host circuit breaker: after 5 failed deliveries to a host within 10
 * minutes its circuit opens (the server is marked unavailable), its activities are held and
 * not sent, a probe is let through after 30 minutes (half-open) and a success closes it
 * again; activities held for 7 days are dropped. Its state lives in the key-value store
 * under `["_fedify", "circuit", HOST]`; this reads it beside the domains Woolly knows
 * accounts on. No Fedify code is loaded for it.
 */
import type { Deps } from '../domain/context.ts';
import { DatabaseKvStore } from './kv-store.ts';

const circuitPrefix = ['_fedify', 'circuit'] as const;

export interface InstanceReachability {
  domain: string;
  /** Remote accounts Woolly knows there. */
  accounts: number;
  /** `available` when deliveries go through; `unavailable` (open) or `probing` (half-open). */
  state: 'available' | 'unavailable' | 'probing';
  /** Failed deliveries counted in the current window. */
  recentFailures: number;
  /** When the circuit opened (epoch ms), while unavailable or probing. */
  unavailableSince: number | null;
}

interface StoredCircuit {
  state?: string;
  failures?: unknown[];
  opened?: string;
}

export async function listInstanceReachability(
  deps: Pick<Deps, 'db' | 'clock'>,
): Promise<InstanceReachability[]> {
  const byDomain = new Map<string, InstanceReachability>();
  const entry = (domain: string) => {
    const key = domain.toLowerCase();
    let found = byDomain.get(key);
    if (!found) {
      found = {
        domain: key,
        accounts: 0,
        state: 'available',
        recentFailures: 0,
        unavailableSince: null,
      };
      byDomain.set(key, found);
    }
    return found;
  };
  const rows = await deps.db.all<{ domain: string; n: number }>(
    'SELECT LOWER(domain) AS domain, COUNT(*) AS n FROM accounts WHERE domain IS NOT NULL GROUP BY LOWER(domain)',
  );
  for (const row of rows) entry(String(row.domain)).accounts = Number(row.n);

  const kv = new DatabaseKvStore(deps.db, deps.clock);
  for await (const { key, value } of kv.list([...circuitPrefix])) {
    const host = key[circuitPrefix.length];
    if (typeof host !== 'string' || key.length !== circuitPrefix.length + 1) continue;
    const circuit = (value ?? {}) as StoredCircuit;
    const found = entry(host);
    found.recentFailures = Array.isArray(circuit.failures) ? circuit.failures.length : 0;
    found.state =
      circuit.state === 'open'
        ? 'unavailable'
        : circuit.state === 'half-open'
          ? 'probing'
          : 'available';
    const opened = circuit.opened ? Date.parse(circuit.opened) : NaN;
    found.unavailableSince = found.state !== 'available' && !Number.isNaN(opened) ? opened : null;
  }
  return [...byDomain.values()].sort((a, b) => a.domain.localeCompare(b.domain));
}

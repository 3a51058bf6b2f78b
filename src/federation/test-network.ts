/**
 * Test-only federation settings. Tests serve remote documents from fixture files, and the
 * two-instance test runs Woollys on loopback addresses under made-up host names (`a.test` on
 * 127.0.0.2), which Fedify refuses to fetch from or deliver to unless told otherwise (a real
 * server must never reach private addresses: that is how a malicious actor document would
 * probe the internal network). All of it is therefore refused when NODE_ENV is production.
 */
import { createRequire } from 'node:module';
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type * as Undici from 'undici';
import type { Config } from '../config/schema.ts';

// undici (about 1 MB of code) is needed only when test hosts are routed, never in production:
// required on that first call instead of loaded by every start.
const require = createRequire(import.meta.url);

/** Where a test host name is served: an address and, when not the URL's own, a port. */
export interface TestHostAddress {
  address: string;
  port: number | null;
}

export interface FederationTestOptions {
  /** Where Fedify loads remote documents and JSON-LD contexts from instead of the network. */
  documentLoader?: DocumentLoader;
  /** Lets Fedify fetch from and deliver to loopback and private addresses. */
  allowPrivateAddress?: boolean;
  /**
   * A fixed host-to-address map for every outgoing connection of this process, in place of
   * DNS (FEDERATION_TEST_HOSTS). Implies `allowPrivateAddress`.
   */
  hosts?: Record<string, TestHostAddress>;
}

/** The options, once checked to be allowed here; throws in production. */
export function checkedTestOptions(
  config: Pick<Config, 'env'>,
  options: FederationTestOptions | undefined,
): FederationTestOptions | undefined {
  const hosts = options?.hosts && Object.keys(options.hosts).length > 0;
  if (!options || (!options.documentLoader && !options.allowPrivateAddress && !hosts)) {
    return undefined;
  }
  if (config.env === 'production') {
    throw new Error('Test-only federation options are refused when NODE_ENV=production');
  }
  return hosts ? { ...options, allowPrivateAddress: true } : options;
}

/**
 * Reads `a.test=127.0.0.2:8443,b.test=127.0.0.3` (the port is optional: without one the
 * URL's own port is used). Throws on anything else, naming the bad entry.
 *
 * @example parseTestHosts('a.test=127.0.0.2:8443') // { 'a.test': { address: '127.0.0.2', port: 8443 } }
 */
export function parseTestHosts(value: string): Record<string, TestHostAddress> {
  const hosts: Record<string, TestHostAddress> = {};
  for (const entry of value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9.-]+)=(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/i.exec(
      entry,
    );
    const port = match?.[3] ? Number(match[3]) : null;
    if (!match || (port !== null && (port < 1 || port > 65535))) {
      throw new Error(`expected host=address[:port], such as a.test=127.0.0.2:8443: ${entry}`);
    }
    hosts[match[1]!.toLowerCase()] = { address: match[2]!.replace(/^\[|\]$/g, ''), port };
  }
  return hosts;
}

let routedHosts = new Map<string, TestHostAddress>();

/**
 * Sends every connection this process opens to a mapped host name (Node's fetch, hence
 * Fedify's document loader, WebFinger lookups and deliveries) to the mapped address
 * instead, keeping the name for TLS (SNI and the certificate check) and the Host header.
 * Other names resolve as usual. Calling it again adds to the map.
 */
export function routeTestHosts(hosts: Record<string, TestHostAddress>): void {
  const first = routedHosts.size === 0;
  routedHosts = new Map([...routedHosts, ...Object.entries(hosts)]);
  if (!first) return;
  const { Agent, buildConnector, setGlobalDispatcher } = require('undici') as typeof Undici;
  const connectDirectly = buildConnector({});
  setGlobalDispatcher(
    new Agent({
      connect: (options, callback) => {
        const to = routedHosts.get(options.hostname.toLowerCase());
        if (!to) return connectDirectly(options, callback);
        return connectDirectly(
          {
            ...options,
            hostname: to.address,
            port: to.port === null ? options.port : String(to.port),
            servername: options.servername ?? options.hostname,
          },
          callback,
        );
      },
    }),
  );
}

/**
 * Installs FEDERATION_TEST_HOSTS for the whole process as soon as Woolly starts, so that
 * every outgoing connection (not only Fedify's, which loads later) uses the map.
 */
export function routeConfiguredTestHosts(
  config: Pick<Config, 'env' | 'federationTestHosts'>,
): void {
  if (!config.federationTestHosts) return;
  const checked = checkedTestOptions(config, { hosts: parseTestHosts(config.federationTestHosts) });
  if (checked?.hosts) routeTestHosts(checked.hosts);
}

/**
 * Test-only federation settings. Tests serve remote documents from fixture files, and the
 * two-instance test runs two Woollys on loopback addresses, which Fedify refuses to fetch
 * from or deliver to unless told otherwise (a real server must never reach private
 * addresses: that is how a malicious actor document would probe the internal network).
 * Both are therefore refused when NODE_ENV is production.
 */
import type { DocumentLoader } from '@fedify/vocab-runtime';
import type { Config } from '../config/schema.ts';

export interface FederationTestOptions {
  /** Where Fedify loads remote documents and JSON-LD contexts from instead of the network. */
  documentLoader?: DocumentLoader;
  /** Lets Fedify fetch from and deliver to loopback and private addresses. */
  allowPrivateAddress?: boolean;
}

/** The options, once checked to be allowed here; throws in production. */
export function checkedTestOptions(
  config: Pick<Config, 'env'>,
  options: FederationTestOptions | undefined,
): FederationTestOptions | undefined {
  if (!options || (!options.documentLoader && !options.allowPrivateAddress)) return undefined;
  if (config.env === 'production') {
    throw new Error('Test-only federation options are refused when NODE_ENV=production');
  }
  return options;
}

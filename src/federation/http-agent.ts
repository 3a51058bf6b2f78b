/**
 * How this process's outgoing HTTP connections behave (Node's fetch, hence Fedify's
 * deliveries and document loads): connections to a server are kept open and reused between
 * requests (a server that gets a delivery usually gets the next one soon), and every request
 * has timeouts, so that a server that accepts a connection and never answers frees its
 * delivery slot after a while instead of after undici's default five minutes. The timeouts
 * are Mastodon's order of magnitude (it allows 5 s to connect and 30 s in all).
 */
import { Agent, setGlobalDispatcher } from 'undici';

export const outgoingAgentOptions = {
  /** Idle connections are kept this long (less when the server says so in Keep-Alive). */
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 300_000,
  /** Until the response headers have arrived. */
  headersTimeout: 30_000,
  /** Between two chunks of a response body. */
  bodyTimeout: 30_000,
  connectTimeoutMs: 10_000,
} as const;

let installed = false;

/**
 * Makes the agent above the process's global dispatcher, once. federation/setup.ts calls it
 * when Fedify is loaded (this module comes with it, not with every start), outside tests,
 * whose host map installs its own dispatcher (federation/test-network.ts).
 */
export function installOutgoingAgent(): void {
  if (installed) return;
  installed = true;
  const { connectTimeoutMs, ...options } = outgoingAgentOptions;
  setGlobalDispatcher(new Agent({ ...options, connect: { timeout: connectTimeoutMs } }));
}

/**
 * Graceful shutdown for the long-running commands (`start`, `web`, `streaming`, `worker`,
 * `scheduler`): the first SIGTERM or SIGINT starts draining (no new connections or jobs,
 * in-flight requests and running jobs get up to 25 s, as Sidekiq's default), a second one
 * exits at once.
 */
import type { Logger } from '../core/logger.ts';

/** How long requests and jobs get to finish after the first signal. */
export const drainTimeoutMs = 25_000;

/** Resolves on the first SIGTERM/SIGINT; the second exits the process with code 1. */
export function untilShutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn(`${signal} again: exiting at once`);
        process.exit(1);
      }
      stopping = true;
      log.info(`${signal}: shutting down, draining requests and jobs`, {
        timeout_ms: drainTimeoutMs,
      });
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

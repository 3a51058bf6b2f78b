import type { Deps } from '../domain/context.ts';

/**
 * Hono's typed context for the server-rendered pages. The same variables are set for every
 * request by app.ts; web/ declares the ones it reads itself because it may not import api/.
 */
export interface WebEnv {
  Variables: {
    deps: Deps;
    /** The client's address, with trusted proxies honoured. */
    clientIp: string | null;
  };
}

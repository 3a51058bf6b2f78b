import type { Deps } from '../../domain/context.ts';
import type { Auth } from '../../domain/oauth/authenticate.ts';

/** Hono's typed context for Woolly's routes. */
export interface AppEnv {
  Variables: {
    deps: Deps;
    /** Set by the auth middleware; null when the request carries no valid token. */
    auth: Auth | null;
    /** The client's address, with trusted proxies honoured. */
    clientIp: string | null;
  };
}

/**
 * The ids of the Accept or Reject Woolly answers a remote Follow with (of an account, or of the
 * instance actor by a relay).
 */
import { createHash } from 'node:crypto';

/**
 * The id of `actor`'s Accept or Reject of the remote Follow `follow`: derived from the Follow's
 * id, so answering the same Follow again (a retried job) sends the same activity.
 */
export function followAnswerId(actor: URL, accepted: boolean, follow: URL): URL {
  const digest = createHash('sha256').update(follow.href).digest('base64url').slice(0, 22);
  return new URL(`${actor.href}#${accepted ? 'accepts' : 'rejects'}/${digest}`);
}

/**
 * The instance's VAPID identity (RFC 8292): the key pair push services know Woolly's pushes by
 * (the public key is what apps pass to the browser when subscribing, from the instance's
 * `configuration.vapid.public_key` or the app's `vapid_key`), and the contact they may write
 * to about them.
 */
export interface VapidIdentity {
  /** Uncompressed P-256 public key, base64url. */
  publicKey: string;
  /** P-256 private key (32 bytes), base64url. */
  privateKey: string;
  /** `mailto:` or `https:` contact, as RFC 8292 asks. */
  subject: string;
}

/** Push services accept an https origin or a mailto: address; a plain-http instance gets mailto. */
export function vapidSubject(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.protocol === 'https:' ? url.origin : `mailto:admin@${url.hostname}`;
}

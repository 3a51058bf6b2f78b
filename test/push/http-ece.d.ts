/** The part of `http_ece` (RFC 8188 / RFC 8291 decryption) the push tests use. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';

  export interface DecryptParams {
    version: 'aes128gcm' | 'aesgcm';
    /** The receiver's key pair. */
    privateKey: ECDH;
    /** The receiver's authentication secret, base64url. */
    authSecret: string;
    /** aesgcm: the sender's public key (`Crypto-Key: dh=`), base64url. */
    dh?: string;
    /** aesgcm: the salt (`Encryption: salt=`), base64url. */
    salt?: string;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}

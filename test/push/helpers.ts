/**
 * A push service on loopback for the web push tests: it records each request (headers and
 * encrypted body) and answers with the status the test sets. And a browser's side of a
 * subscription: a P-256 key pair and an auth secret, and the decryption of what was pushed.
 */
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { TestContext } from 'node:test';
import { decrypt } from 'http_ece';

export interface Pushed {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushService {
  url: string;
  received: Pushed[];
  /** The status the next requests are answered with (201 by default). */
  answer: number;
  next(timeoutMs?: number): Promise<Pushed>;
}

export async function startPushService(t: TestContext): Promise<PushService> {
  const received: Pushed[] = [];
  const waiters: ((p: Pushed) => void)[] = [];
  const service = { received, answer: 201 } as PushService;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pushed = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(pushed);
      waiters.shift()?.(pushed);
      res.writeHead(service.answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as { port: number };
  service.url = `http://127.0.0.1:${port}`;
  let taken = 0;
  service.next = (timeoutMs = 10_000) =>
    new Promise<Pushed>((resolve, reject) => {
      if (received.length > taken) {
        resolve(received[taken++]!);
        return;
      }
      const timer = setTimeout(() => reject(new Error('nothing was pushed')), timeoutMs);
      waiters.push((p) => {
        clearTimeout(timer);
        taken += 1;
        resolve(p);
      });
    });
  return service;
}

export interface BrowserKeys {
  ecdh: ECDH;
  p256dh: string;
  auth: string;
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    ecdh,
    p256dh: ecdh.getPublicKey().toString('base64url'),
    auth: randomBytes(16).toString('base64url'),
  };
}

const headerParam = (header: string | string[] | undefined, name: string): string | undefined =>
  String(header ?? '')
    .split(/[;,]/)
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** The JSON text the push carried, decrypted as the browser would. */
export function openPushText(pushed: Pushed, keys: BrowserKeys): string {
  const encoding = pushed.headers['content-encoding'];
  const plain =
    encoding === 'aes128gcm'
      ? decrypt(pushed.body, { version: 'aes128gcm', privateKey: keys.ecdh, authSecret: keys.auth })
      : decrypt(pushed.body, {
          version: 'aesgcm',
          privateKey: keys.ecdh,
          authSecret: keys.auth,
          dh: headerParam(pushed.headers['crypto-key'], 'dh'),
          salt: headerParam(pushed.headers.encryption, 'salt'),
        });
  return plain.toString('utf8');
}

export const openPush = (pushed: Pushed, keys: BrowserKeys): Record<string, unknown> =>
  JSON.parse(openPushText(pushed, keys)) as Record<string, unknown>;

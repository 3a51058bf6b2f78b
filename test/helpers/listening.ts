/** A Woolly listening on a free loopback port, for tests that use real HTTP clients. */
import { createServer } from 'node:http';
import type { TestContext } from 'node:test';
import type { DatabaseKind } from './databases.ts';
import { startTestWoolly, type TestWoolly } from './woolly.ts';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startListeningWoolly(
  t: TestContext,
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<TestWoolly & { base: string }> {
  const port = await freePort();
  const w = await startTestWoolly(t, kind, {
    PORT: String(port),
    BIND: '127.0.0.1',
    LOCAL_DOMAIN: `127.0.0.1:${port}`,
    LOCAL_HTTPS: 'false',
    ...env,
  });
  await w.listen();
  return Object.assign(w, { base: `http://127.0.0.1:${port}` });
}

/**
 * Real `bin/woolly` processes for the scale-out tests: each one is spawned with the test
 * database's environment, its JSON log lines (stderr) are kept, and a test can wait for a
 * line, kill it with SIGKILL, or stop it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { WebSocket } from 'ws';
import { woollyBin } from '../helpers/cli.ts';

export interface LogLine {
  time: string;
  level: string;
  message: string;
  [field: string]: unknown;
}

export interface WoollyProcess {
  name: string;
  child: ChildProcess;
  lines: LogLine[];
  exited: Promise<number | null>;
  /** The first log line whose message matches (already logged or to come). */
  line(pattern: RegExp | ((line: LogLine) => boolean), timeoutMs?: number): Promise<LogLine>;
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export function spawnWoolly(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): WoollyProcess {
  const child = spawn(woollyBin, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: LogLine[] = [];
  const raw: string[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const part of parts) {
      raw.push(part);
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        // Not a log line (a warning of Node's): kept in `raw` for failure messages.
      }
    }
    for (const waiter of waiters) waiter();
  };
  child.stderr!.on('data', onData);
  child.stdout!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => {
    gone = true;
    for (const waiter of waiters) waiter();
  });
  return {
    name,
    child,
    lines,
    exited,
    line(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${name}: no line ${pattern} in ${timeoutMs} ms:\n${raw.join('\n')}`));
        }, timeoutMs);
        const matches =
          typeof pattern === 'function' ? pattern : (l: LogLine) => pattern.test(l.message);
        const check = () => {
          const found = lines.find(matches);
          if (found || gone) {
            clearTimeout(timer);
            waiters.delete(check);
            if (found) resolve(found);
            else reject(new Error(`${name} exited:\n${raw.join('\n')}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A client streaming `public` from `streamingBase` receives a post created through the API at
 * `webBase`. The subscription is made when the socket opens; a post made before it is in
 * place is simply missed, so the post is repeated (up to five times) until a frame arrives.
 */
export async function streamingSmoke(
  webBase: string,
  streamingWs: string,
  tokens: { reader: string; author: string },
): Promise<{ event: string; payload: string }> {
  const socket = new WebSocket(
    `${streamingWs}/api/v1/streaming?stream=public&access_token=${tokens.reader}`,
  );
  const frames: { event: string; payload: string }[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  try {
    const posted = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const res = await fetch(`${webBase}/api/v1/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.author}`, 'content-type': 'application/json' },
        body: JSON.stringify({ status: `across processes ${attempt}` }),
      });
      if (res.status !== 200)
        throw new Error(`posting answered ${res.status}: ${await res.text()}`);
      posted.add(String(((await res.json()) as { id: string }).id));
      const until = Date.now() + 1000;
      while (Date.now() < until) {
        const frame = frames.find(
          (f) => f.event === 'update' && posted.has(String(JSON.parse(f.payload).id)),
        );
        if (frame) return frame;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    throw new Error(`no update frame; frames: ${JSON.stringify(frames)}`);
  } finally {
    socket.close();
  }
}

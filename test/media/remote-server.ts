/**
 * A remote server for the media cache tests: plain HTTP on loopback serving files from a
 * map, counting the requests each path gets. A file marked `chunked` is sent without a
 * Content-Length (its size is known only as it arrives).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface RemoteFile {
  body: Buffer;
  type: string;
  chunked?: boolean;
}

export interface RemoteFiles {
  base: string;
  files: Map<string, RemoteFile>;
  hits: Map<string, number>;
}

export async function startRemoteFiles(t: TestContext): Promise<RemoteFiles> {
  const files = new Map<string, RemoteFile>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.startsWith('/redirect/')) {
      res.writeHead(302, { location: path.slice('/redirect'.length) }).end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    if (file.chunked) {
      res.writeHead(200, { 'content-type': file.type });
      // In pieces, so that a reader that stops early is seen stopping.
      for (let at = 0; at < file.body.length; at += 64 * 1024) {
        res.write(file.body.subarray(at, at + 64 * 1024));
      }
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length });
    res.end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, files, hits };
}

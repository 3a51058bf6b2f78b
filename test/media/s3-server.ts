/**
 * A real S3-protocol server (s3rver) on loopback, on a port the system picks, with one bucket,
 * stopped and removed when the test ends. Its key pair is s3rver's: S3RVER / S3RVER.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import S3rver from 's3rver';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  directory: string;
}

export async function startS3(t: TestContext, bucket = 'woolly-media'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'woolly-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const address = (await server.run()) as AddressInfo;
  t.after(async () => {
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });
  return { endpoint: `http://127.0.0.1:${address.port}`, bucket, directory };
}

/** The environment of a Woolly storing its media in `s3`. */
export function s3Env(s3: TestS3, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    S3_ENABLED: 'true',
    S3_BUCKET: s3.bucket,
    S3_REGION: 'us-east-1',
    S3_ENDPOINT: s3.endpoint,
    S3_OVERRIDE_PATH_STYLE: 'true',
    S3_PROTOCOL: 'http',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    ...overrides,
  };
}

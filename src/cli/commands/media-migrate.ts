/**
 * `woolly media migrate --to s3|local`: copies every file of the configured storage to the
 * other backend (S3 from the S3_* variables, local from DATA_DIR/media), with progress,
 * checksums verified, resumable (files already copied are skipped; --after KEY starts after
 * a key). It switches nothing: it prints which variable to change once the copy is done.
 */
import { join } from 'node:path';
import { copyStorage } from '../../domain/media-attachments/copy-storage.ts';
import { fsStorage } from '../../media/storage/fs.ts';
import { s3Storage } from '../../media/storage/s3.ts';
import { CommandError, UsageError } from '../command.ts';
import { cliConfig } from '../context.ts';

export async function migrateMedia(to: string | undefined, after: string | undefined) {
  if (to !== 's3' && to !== 'local') throw new UsageError('migrate needs --to s3 or --to local');
  const config = cliConfig();
  const current = config.media.storage;
  if ((to === 's3') === (current.kind === 's3')) {
    throw new CommandError(`media are already stored ${to === 's3' ? 'on S3' : 'locally'}`);
  }
  let target;
  if (to === 's3') {
    const withS3 = cliConfig({ S3_ENABLED: 'true' });
    if (withS3.media.storage.kind !== 's3')
      throw new CommandError('set S3_BUCKET (and the other S3_* variables) first');
    target = s3Storage(withS3.media.storage);
  } else {
    target = fsStorage(join(config.dataDir, 'media'));
  }
  const source = current.kind === 's3' ? s3Storage(current) : fsStorage(current.root);
  const started = Date.now();
  const tally = await copyStorage(source, target, {
    after,
    onProgress: (t) =>
      process.stderr.write(
        `... ${t.copied} copied, ${t.skipped} already there, ${(t.bytes / 1024 / 1024).toFixed(1)} MiB, up to ${t.lastKey}\n`,
      ),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Copied ${tally.copied} files (${(tally.bytes / 1024 / 1024).toFixed(1)} MiB), ${tally.skipped} already there, checksums verified, in ${seconds} s`,
  );
  console.log(
    to === 's3'
      ? 'Nothing switched yet: set S3_ENABLED=true and restart Woolly to serve media from S3.'
      : 'Nothing switched yet: set S3_ENABLED=false (or remove it) and restart Woolly to serve media from DATA_DIR/media.',
  );
  return 0;
}

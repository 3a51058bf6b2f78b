/**
 * Building a user archive (Settings > Import and export > Request your archive): a user with
 * N posts (one in 20 with a photo), the `archives.build` job timed from the request to the
 * zip in media storage: posts per second, CPU time per post (this process) and the zip's
 * size, on SQLite or PostgreSQL with local storage. Prints figures; nothing passes or fails.
 *
 * Usage: node bench/user-archive.ts [posts=1000] [sqlite|postgres]
 */
import { archiveUsage } from '../src/db/repositories/archives.ts';
import { requestArchive } from '../src/domain/archives/request.ts';
import type { EmbeddedJobs } from '../src/jobs/embedded.ts';
import type { DatabaseKind } from '../test/helpers/databases.ts';
import { makeUserWithToken } from '../test/helpers/factories.ts';
import { posted } from '../test/helpers/statuses.ts';
import { startTestWoolly } from '../test/helpers/woolly.ts';
import { png } from '../test/media/samples.ts';
import { upload } from '../test/media/upload.ts';
import { fixed, loadAverage } from './stats.ts';

const count = Number(process.argv[2] ?? 1000);
const kind = (process.argv[3] ?? 'sqlite') as DatabaseKind;
const w = await startTestWoolly(null, kind, { LOG_LEVEL: 'warn' });
try {
  const { user, token } = await makeUserWithToken(w.deps);
  let photos = 0;
  for (let i = 0; i < count; i++) {
    const media: string[] = [];
    if (i % 20 === 0) {
      const photo = await upload(w, token, await png(300 + i / 20, 200), { type: 'image/png' });
      media.push(photo.body.id);
      photos += 1;
    }
    await posted(w, token, { status: `post ${i} #bench`, media_ids: media });
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await requestArchive(w.deps, user.id);
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const zip = await archiveUsage(w.deps.db);
  console.log(`user archive on ${kind}: ${count} posts, ${photos} photos`);
  console.log(
    `  built in ${fixed(seconds, 2)} s: ${fixed(count / seconds, 0)} posts/s, ${fixed((used.user + used.system) / 1000 / count, 2)} ms CPU per post (this process), zip ${fixed(zip.bytes / 1024 / 1024, 2)} MiB`,
  );
  console.log(`  load average ${loadAverage()}`);
} finally {
  await w.close();
  await w.db.drop();
}

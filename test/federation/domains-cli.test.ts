/** `woolly domains`: blocklists from the command line, as an operator runs them. */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cliDatabase, runWoolly } from '../helpers/cli.ts';

test('woolly domains import, block and list', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const file = join(db.dataDir, 'blocklist.csv');
  await writeFile(
    file,
    '#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n' +
      'spam.example,suspend,false,true,"spam, lots",false\n' +
      'not a domain,suspend,false,false,,false\n',
  );
  const imported = await runWoolly(db, ['domains', 'import', file]);
  assert.equal(imported.code, 1, imported.stderr);
  assert.match(imported.stderr, /^line 3: /m);
  assert.equal(imported.lines.at(-1), 'OK: 1 blocked, 0 already blocked, 1 invalid');

  const blocked = await runWoolly(db, [
    'domains',
    'block',
    'Quiet.Example',
    '--severity',
    'silence',
    '--reject-media',
  ]);
  assert.equal(blocked.code, 0, blocked.stderr);
  assert.equal(blocked.stdout, 'OK: quiet.example silence\n');
  const list = await runWoolly(db, ['domains', 'list']);
  assert.deepEqual(list.lines, [
    'quiet.example\tsilence\treject_media\t',
    'spam.example\tsuspend\treject_reports\tspam, lots',
  ]);
});

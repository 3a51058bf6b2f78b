/**
 * `runWoolly` runs commands in the test process: each run reads only its own environment and
 * prints only to its own output, even when several run at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, runWoolly } from '../helpers/cli.ts';

test('commands run at once in one process keep their own environment and output', async (t) => {
  const [one, two] = await Promise.all([cliDatabase(t, 'sqlite'), cliDatabase(t, 'sqlite')]);
  const portBefore = process.env.PORT;
  const runs = await Promise.all([
    runWoolly(one, ['config', 'check'], { PORT: '4101' }),
    runWoolly(two, ['config', 'check'], { PORT: '4102' }),
    runWoolly(one, ['config', 'check'], { PORT: 'not-a-port' }),
  ]);
  assert.equal(runs[0]!.code, 0, runs[0]!.stderr);
  assert.equal(runs[1]!.code, 0, runs[1]!.stderr);
  assert.ok(runs[0]!.lines.includes('PORT: 4101'));
  assert.ok(!runs[0]!.stdout.includes('4102'));
  assert.ok(runs[1]!.lines.includes('PORT: 4102'));
  assert.ok(runs[1]!.stdout.includes(two.dataDir) && !runs[1]!.stdout.includes(one.dataDir));
  assert.equal(runs[2]!.code, 1);
  assert.equal(runs[2]!.stdout, '');
  assert.match(runs[2]!.stderr, /PORT: .*got "not-a-port"/);
  assert.ok(!runs[0]!.stderr.includes('not-a-port') && !runs[1]!.stderr.includes('not-a-port'));
  assert.equal(process.env.PORT, portBefore, "the test process's environment is untouched");
});

/**
 * JOB_THREAD_QUEUES: the queues the job threads take, read as a list of queue names; none set
 * means every queue; an unknown name or an empty list stops the start naming the variable.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfig, ConfigError, describeConfig, parseEnvVars } from '../../src/config/load.ts';

const base = { SECRET_KEY_BASE: 'x'.repeat(64) };
const threadQueues = (env: Record<string, string>) =>
  buildConfig(parseEnvVars({ ...base, ...env }), '/tmp').jobThreadQueues;

test('JOB_THREAD_QUEUES is a list of queue names; unset, the threads take every queue', () => {
  assert.equal(threadQueues({}), null);
  assert.deepEqual(threadQueues({ JOB_THREAD_QUEUES: 'ingress, pull' }), ['ingress', 'pull']);
  const config = buildConfig(parseEnvVars({ ...base, JOB_THREAD_QUEUES: 'ingress' }), '/tmp');
  assert.equal(describeConfig(config).JOB_THREAD_QUEUES, 'ingress');
});

test('an unknown queue or an empty list stops the start, naming the variable', () => {
  for (const value of ['ingress,inbox', ' , ']) {
    assert.throws(
      () => parseEnvVars({ ...base, JOB_THREAD_QUEUES: value }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /JOB_THREAD_QUEUES: expected/);
        return true;
      },
      value,
    );
  }
});

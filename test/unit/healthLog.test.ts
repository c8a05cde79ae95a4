import assert from 'node:assert/strict';
import { test } from 'node:test';
import { healthMarkdown } from '../../src/health/healthLog';

test('the last health probes, newest first, their output inert and trimmed', () => {
  const markdown = healthMarkdown({
    Status: 'unhealthy',
    FailingStreak: 2,
    Log: [
      { End: '2026-01-01T00:00:01Z', ExitCode: 0, Output: 'ok' },
      { End: '2026-01-01T00:00:31Z', ExitCode: 1, Output: 'curl: (7) [link](http://x) refused\n' },
      { End: '2026-01-01T00:01:01Z', ExitCode: 1, Output: 'x'.repeat(400) },
    ],
  });
  const lines = markdown?.split('\n') ?? [];
  assert.equal(lines[0], '**Health: unhealthy** (failing streak 2)');
  assert.equal(lines.length, 4);
  assert.match(lines[1], /exit 1: x{300}…$/);
  assert.ok(lines[2].endsWith('exit 1: curl\\: \\(7\\) \\[link\\]\\(http\\:\\/\\/x\\) refused'), lines[2]);
  assert.match(lines[3], /exit 0: ok$/);
  assert.equal(healthMarkdown(undefined), undefined);
  assert.equal(healthMarkdown({}), undefined);
});

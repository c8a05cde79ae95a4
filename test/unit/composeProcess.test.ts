import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runComposeCommand } from '../../src/compose/runner';

const node = process.execPath;

test('a run streams both outputs as they come and resolves with the exit code; arguments reach the program unchanged', async () => {
  const chunks: string[] = [];
  const script = 'process.stdout.write("out " + process.argv[1] + "\\n"); process.stderr.write("err line\\n"); process.exit(3)';
  const result = await runComposeCommand(
    { command: node, args: ['-e', script, "it's; $(not run) | a shell"], cwd: process.cwd() },
    { env: process.env, onOutput: (text) => chunks.push(text) },
  );
  assert.equal(result.exitCode, 3);
  assert.equal(result.cancelled, false);
  assert.ok(result.output.includes("out it's; $(not run) | a shell\n"), result.output);
  assert.ok(result.output.includes('err line\n'));
  assert.equal(chunks.join(''), result.output);
});

test('aborting stops the process and says it was cancelled', async () => {
  const controller = new AbortController();
  const running = runComposeCommand(
    { command: node, args: ['-e', 'process.stdout.write("started\\n"); setInterval(() => {}, 1000)'], cwd: process.cwd() },
    { env: process.env, signal: controller.signal, onOutput: (text) => text.includes('started') && controller.abort() },
  );
  const result = await running;
  assert.equal(result.cancelled, true);
  assert.equal(result.exitCode, null);
});

test('a program that cannot start resolves with why, not a throw', async () => {
  const result = await runComposeCommand({ command: 'dockside-no-such-compose', args: ['up'], cwd: process.cwd() }, { env: process.env });
  assert.equal(result.exitCode, null);
  assert.match(result.startError ?? '', /ENOENT/);
});

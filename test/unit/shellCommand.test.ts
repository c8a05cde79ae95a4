import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shellCandidates, shellCommand } from '../../src/exec/shellChoice';

test('a shell setting is split into words as a POSIX shell quotes them', () => {
  assert.deepEqual(shellCommand(' bash  -l '), ['bash', '-l']);
  assert.deepEqual(shellCommand("sh -c 'echo hello world'"), ['sh', '-c', 'echo hello world']);
  assert.deepEqual(shellCommand('sh -c "echo \\"a b\\""'), ['sh', '-c', 'echo "a b"']);
  assert.deepEqual(shellCommand('/opt/my\\ shell/bin/zsh -l'), ['/opt/my shell/bin/zsh', '-l']);
});

test('a shell setting with an unclosed quote or nothing in it is refused with a message', () => {
  assert.throws(() => shellCommand("sh -c 'echo"), /cannot be started: Unclosed single quote/);
  assert.throws(() => shellCommand('""'), /empty/);
  assert.throws(() => shellCommand('   '), /empty/);
});

test('the chosen shell keeps its quoted words through the candidate list', () => {
  const [chosen] = shellCandidates("sh -c 'echo hello world'", undefined);
  assert.deepEqual(shellCommand(chosen), ['sh', '-c', 'echo hello world']);
});

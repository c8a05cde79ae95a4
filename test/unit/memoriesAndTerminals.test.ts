import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BuildMemory } from '../../src/build/buildMemory';
import { BuildSessions } from '../../src/build/buildSessions';
import { shellCandidates, shellCommand } from '../../src/exec/shellChoice';
import { defaultRunSpec, RunMemory } from '../../src/run/runMemory';
import { MementoLike } from '../../src/stream/recentMap';
import { OutputTerminal } from '../../src/terminal/outputTerminal';
import { TerminalProbe } from '../support/terminalProbe';

class MapMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    // Stored as JSON, as VS Code stores workspace state.
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

test('build choices are remembered per Dockerfile; the most recent is "again"', async () => {
  const memory = new BuildMemory(new MapMemento());
  assert.equal(memory.last(), undefined);
  await memory.remember({ dockerfile: '/p/a/Dockerfile', contextDir: '/p/a', tags: ['a:1'], buildArgs: { X: '1' }, target: 'base' });
  await memory.remember({ dockerfile: '/p/b/Dockerfile', contextDir: '/p', tags: ['b:1'], buildArgs: {} });
  await memory.remember({ dockerfile: '/p/a/Dockerfile', contextDir: '/p/a', tags: ['a:2'], buildArgs: {} });
  assert.deepEqual(memory.forDockerfile('/p/a/Dockerfile')?.tags, ['a:2']);
  assert.equal(memory.forDockerfile('/p/b/Dockerfile')?.contextDir, '/p');
  assert.equal(memory.last()?.dockerfile, '/p/a/Dockerfile');
});

test('run specs are remembered per image, most recent first', async () => {
  const memory = new RunMemory(new MapMemento());
  await memory.remember({ ...defaultRunSpec('a:1'), name: 'first' });
  await memory.remember(defaultRunSpec('b:1'));
  await memory.remember({ ...defaultRunSpec('a:1'), name: 'second' });
  assert.deepEqual(memory.images(), ['a:1', 'b:1']);
  assert.equal(memory.forImage('a:1')?.name, 'second');
  assert.equal(memory.forImage('c:1'), undefined);
});

test('shell choice: per-invocation override, then the setting, else detect bash then sh', () => {
  assert.deepEqual(shellCandidates('auto', undefined), ['bash', 'sh']);
  assert.deepEqual(shellCandidates('', ''), ['bash', 'sh']);
  assert.deepEqual(shellCandidates('/bin/ash', undefined), ['/bin/ash']);
  assert.deepEqual(shellCandidates('/bin/ash', 'zsh'), ['zsh']);
  assert.deepEqual(shellCommand(' bash  -l '), ['bash', '-l']);
});

test('an output terminal keeps what is written before it opens, in CRLF, and closing it aborts the work', () => {
  const terminal = new OutputTerminal();
  const probe = new TerminalProbe(terminal);
  terminal.append('Step 1/2 : FROM x\n');
  assert.equal(probe.text, '');
  terminal.open(undefined);
  terminal.append('done\n');
  assert.equal(probe.text, 'Step 1/2 : FROM x\r\ndone\r\n');
  assert.equal(terminal.signal.aborted, false);
  terminal.close();
  assert.equal(terminal.signal.aborted, true);
  assert.equal(probe.closed, true);
});

test('an output terminal whose work is over takes the next run, renamed, after a dim rule; a closed one does not', () => {
  const terminal = new OutputTerminal();
  const probe = new TerminalProbe(terminal);
  const names: string[] = [];
  terminal.onDidChangeName((name) => names.push(name));
  terminal.open(undefined);
  terminal.append('first build\n');
  assert.equal(terminal.reusable, false, 'busy');
  terminal.end('Built.');
  assert.equal(terminal.reusable, true);
  terminal.reuse('Building again', 'Build: app:2');
  terminal.append('second build\n');
  assert.equal(probe.plain, 'first build\nBuilt.\n\n── Building again ──\nsecond build\n');
  assert.deepEqual(names, ['Build: app:2']);
  terminal.handleInput();
  assert.equal(probe.closed, false, 'a key closes it only once the new run is over');
  terminal.end('Built.');
  terminal.handleInput();
  assert.equal(terminal.reusable, false, 'closed');
});

test('a failed build knows when a later build of its Dockerfile superseded it, and how that one ended', () => {
  const sessions = new BuildSessions();
  const failed = sessions.begin('/p/Dockerfile');
  sessions.end(failed, 'failed');
  const other = sessions.begin('/q/Dockerfile');
  assert.equal(sessions.supersededBy(failed), undefined, 'another Dockerfile does not supersede it');
  sessions.end(other, 'succeeded');
  assert.equal(sessions.previousFailed('/p/Dockerfile'), true);
  const again = sessions.begin('/p/Dockerfile');
  assert.equal(sessions.supersededBy(failed), 'running');
  sessions.end(again, 'succeeded');
  assert.equal(sessions.supersededBy(failed), 'succeeded');
  assert.equal(sessions.supersededBy(again), undefined);
  assert.equal(sessions.previousFailed('/p/Dockerfile'), false);
});

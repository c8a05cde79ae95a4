import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import type Docker from 'dockerode';
import { ExecTerminal } from '../../src/exec/execTerminal';
import { AttachTerminal } from '../../src/run/attachTerminal';
import { TerminalProbe } from '../support/terminalProbe';

/** A request a frozen engine never answers; `late` answers it after all (the engine thawed). */
function frozen<T>(): { promise: Promise<T>; late: (value: T) => void; signals: AbortSignal[] } {
  let late: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => (late = resolve));
  return { promise, late, signals: [] };
}

test('an exec on an engine that does not answer ends with a message in the terminal, and a key closes it', async () => {
  const create = frozen<Docker.Exec>();
  const docker = {
    getContainer: () => ({
      exec: (options: { abortSignal?: AbortSignal }) => {
        if (options.abortSignal) {
          create.signals.push(options.abortSignal);
        }
        return create.promise;
      },
    }),
  } as unknown as Docker;
  const terminal = new ExecTerminal(docker, 'c1', { shellSetting: 'sh', startDeadlineMs: 50 });
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  await probe.waitFor((plain) => plain.includes('Exec failed: The Docker Engine did not answer the exec within 0.1 s.'), 'the deadline message', 5_000);
  assert.match(probe.plain, /frozen or overloaded\. Press any key to close/);
  assert.equal(create.signals[0]?.aborted, true, 'the request is torn down');
  await terminal.started;
  terminal.handleInput('x');
  assert.equal(probe.closed, true);
});

test('an exec that starts after the terminal gave up is ended, not left running unseen', async () => {
  const start = frozen<NodeJS.ReadWriteStream>();
  const docker = {
    getContainer: () => ({ exec: async () => ({ start: () => start.promise, resize: async () => undefined }) }),
  } as unknown as Docker;
  const terminal = new ExecTerminal(docker, 'c1', { shellSetting: 'sh', startDeadlineMs: 50 });
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  await probe.waitFor((plain) => plain.includes('did not answer the exec'), 'the deadline message', 5_000);
  const stream = new PassThrough();
  start.late(stream);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(stream.destroyed, true, 'the late session is closed');
  assert.doesNotMatch(probe.plain, /exited with code/);
});

test('an attach on an engine that does not answer ends with a message in the terminal', async () => {
  const attach = frozen<NodeJS.ReadWriteStream>();
  const container = {
    inspect: () => Promise.resolve({ Config: { Tty: true } }),
    attach: (options: { abortSignal?: AbortSignal }) => {
      if (options.abortSignal) {
        attach.signals.push(options.abortSignal);
      }
      return attach.promise;
    },
  } as unknown as Docker.Container;
  const terminal = new AttachTerminal(container, false, 50);
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  await probe.waitFor((plain) => plain.includes('Attach failed: The Docker Engine did not answer the attach within 0.1 s.'), 'the deadline message', 5_000);
  assert.equal(attach.signals[0]?.aborted, true);
  terminal.handleInput('x');
  assert.equal(probe.closed, true);
});

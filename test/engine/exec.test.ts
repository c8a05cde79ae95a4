import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { chooseShell } from '../../src/exec/execSession';
import { ExecTerminal } from '../../src/exec/execTerminal';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { TerminalProbe } from '../support/terminalProbe';

let docker: Docker;
let container: Docker.Container;

before(async () => {
  docker = await ensureEngine();
  container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', 'mkdir -p /work && sleep 300'],
    Labels: { ...testLabels },
    HostConfig: { NetworkMode: 'none' },
  });
  await container.start();
});

after(async () => {
  await container?.remove({ force: true }).catch(() => undefined);
});

test('shell detection finds no bash in the busybox image and falls back to sh; a setting or override wins', async () => {
  assert.deepEqual(await chooseShell(docker, container.id, 'auto', undefined), ['sh']);
  assert.deepEqual(await chooseShell(docker, container.id, '/bin/ash', undefined), ['/bin/ash']);
  assert.deepEqual(await chooseShell(docker, container.id, 'auto', 'sh -l'), ['sh', '-l']);
});

test('typed commands return their output, a resize reaches the TTY and the exit code is shown', async () => {
  const terminal = new ExecTerminal(docker, container.id, { shellSetting: 'auto', workdir: '/work', user: '0' });
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  await terminal.started;
  try {
    terminal.handleInput('echo $((6*7)) in $(pwd) as $(id -u)\r');
    await probe.waitFor((plain) => plain.includes('42 in /work as 0'), 'the command output');
    terminal.handleInput('stty size\r');
    await probe.waitFor((plain) => /^24 80\r?$/m.test(plain), 'the initial TTY size');
    terminal.setDimensions({ columns: 123, rows: 45 });
    // The resize is asynchronous: ask until the TTY reports the new size.
    const deadline = Date.now() + 10_000;
    while (!/^45 123\r?$/m.test(probe.plain) && Date.now() < deadline) {
      terminal.handleInput('stty size\r');
      await probe.waitFor((plain) => (plain.match(/^\d+ \d+\r?$/gm) ?? []).length > 0, 'a size');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(probe.plain, /^45 123\r?$/m);
    terminal.handleInput('exit 7\r');
    await probe.waitFor((plain) => plain.includes('exited with code 7'), 'the exit code');
    assert.equal(terminal.exitCode, 7);
    terminal.handleInput('x');
    assert.equal(probe.closed, true);
    assert.equal(probe.closedWith, 7);
  } finally {
    terminal.close();
  }
});

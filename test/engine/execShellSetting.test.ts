import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { ExecTerminal } from '../../src/exec/execTerminal';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { TerminalProbe } from '../support/terminalProbe';

let docker: Docker;
let container: Docker.Container;

before(async () => {
  docker = await ensureEngine();
  container = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '300'], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
  await container.start();
});

after(async () => {
  await container?.remove({ force: true }).catch(() => undefined);
});

test("an exec shell setting with quoted words runs as a shell would read it: sh -c 'echo hello world'", async () => {
  const terminal = new ExecTerminal(docker, container.id, { shellSetting: "sh -c 'echo hello   world; exit 7'" });
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  try {
    await probe.waitFor((plain) => plain.includes('hello   world'), 'the quoted script to run whole');
    // The command shown is the three words the engine ran: sh, -c and the whole script.
    await probe.waitFor((plain) => plain.includes('sh -c echo hello   world; exit 7 exited with code 7'), 'the exit code of the quoted script');
  } finally {
    terminal.close();
  }
});

test('an exec shell setting with an unclosed quote ends with a message, nothing is started', async () => {
  const terminal = new ExecTerminal(docker, container.id, { shellSetting: "sh -c 'echo" });
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 80, rows: 24 });
  try {
    await probe.waitFor((plain) => plain.includes('Unclosed single quote'), 'the message');
  } finally {
    terminal.close();
  }
});

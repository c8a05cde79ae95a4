import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { AttachTerminal } from '../../src/run/attachTerminal';
import { parseList, parsePort, parseEnv, parseVolume, parseRestartPolicy } from '../../src/run/runInputs';
import { RunSpec, toCreateOptions } from '../../src/run/runSpec';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { TerminalProbe } from '../support/terminalProbe';

let docker: Docker;
const containers: Docker.Container[] = [];
const volumeName = `dockside-test-run-${process.pid}`;

before(async () => {
  docker = await ensureEngine();
});

after(async () => {
  await Promise.all(containers.map((container) => container.remove({ force: true, v: true }).catch(() => undefined)));
  await docker.getVolume(volumeName).remove().catch(() => undefined);
});

function value<T>(parsed: { ok: true; value: T } | { ok: false; reason: string }): T {
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return (parsed as { value: T }).value;
}

test('a run with ports, env, volumes and a restart policy creates exactly what was asked', async () => {
  await docker.createVolume({ Name: volumeName, Labels: { ...testLabels } });
  const spec: RunSpec = {
    image: TEST_IMAGE,
    name: `dockside-test-run-${process.pid}`,
    ports: value(parseList('127.0.0.1:18080:80 53/udp', parsePort)),
    env: value(parseList('GREETING="hello there" EMPTY=', parseEnv)),
    volumes: value(parseList(`${volumeName}:/data /tmp:/host:ro`, parseVolume)),
    network: 'none',
    restart: value(parseRestartPolicy('on-failure:3')),
    command: ['sh', '-c', 'echo "$GREETING" > /data/greeting; sleep 300'],
    interactive: false,
    labels: { ...testLabels },
  };
  const container = await docker.createContainer(toCreateOptions(spec));
  containers.push(container);
  const info = await container.inspect();
  assert.equal(info.Name, `/${spec.name}`);
  assert.deepEqual(info.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18080' }], '53/udp': [{ HostIp: '', HostPort: '' }] });
  assert.ok(info.Config.Env.includes('GREETING=hello there') && info.Config.Env.includes('EMPTY='));
  assert.deepEqual(info.HostConfig.Binds, [`${volumeName}:/data`, '/tmp:/host:ro']);
  assert.deepEqual(info.HostConfig.RestartPolicy, { Name: 'on-failure', MaximumRetryCount: 3 });
  assert.equal(info.HostConfig.NetworkMode, 'none');
  assert.deepEqual(info.Config.Cmd, spec.command);
  assert.equal(info.Config.Labels['dockside.test'], '1');
  await container.start();
  const mounts = (await container.inspect()).Mounts.map((mount) => [mount.Type, mount.Destination, mount.RW]);
  assert.deepEqual(mounts.sort(), [['bind', '/host', false], ['volume', '/data', true]]);
});

test('an interactive run attaches a terminal to the TTY: input in, output out, exit code shown', async () => {
  const spec: RunSpec = { image: TEST_IMAGE, ports: [], env: [], volumes: [], network: 'none', restart: { name: 'no' }, command: ['sh'], interactive: true, labels: { ...testLabels } };
  const container = await docker.createContainer(toCreateOptions(spec));
  containers.push(container);
  const terminal = new AttachTerminal(container, true);
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 100, rows: 30 });
  try {
    await probe.waitFor(() => true, 'nothing');
    const deadline = Date.now() + 15_000;
    while (!(await container.inspect()).State.Running && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    terminal.handleInput('echo tty=$(tty) size=$(stty size)\r');
    await probe.waitFor((plain) => /tty=\/dev\/pts\/\d+ size=30 100/.test(plain), 'the TTY answer');
    terminal.handleInput('exit 4\r');
    await probe.waitFor((plain) => plain.includes('exited with code 4'), 'the exit code');
  } finally {
    terminal.close();
  }
});

test('a terminal attached to a container without a TTY shows its lines one under the other (CR LF), CR LF kept', async () => {
  const spec: RunSpec = {
    image: TEST_IMAGE,
    ports: [],
    env: [],
    volumes: [],
    network: 'none',
    restart: { name: 'no' },
    command: ['sh', '-c', "echo one; echo two; echo oops >&2; printf 'three\\r\\nfour\\n'; read line; echo got=$line; sleep 300"],
    interactive: false,
    labels: { ...testLabels },
  };
  const container = await docker.createContainer({ ...toCreateOptions(spec), OpenStdin: true, AttachStdin: true, AttachStdout: true, AttachStderr: true });
  containers.push(container);
  const terminal = new AttachTerminal(container, true);
  const probe = new TerminalProbe(terminal);
  terminal.open({ columns: 100, rows: 30 });
  try {
    await probe.waitFor((plain) => plain.includes('four'), 'the four lines');
    // What the terminal receives: no frame headers, every line ended by CR LF, none doubled.
    // (stderr comes in its own frames, so its place among stdout's lines is not fixed.)
    assert.ok(probe.text.replace('oops\r\n', '').startsWith('one\r\ntwo\r\nthree\r\nfour\r\n'), JSON.stringify(probe.text));
    assert.ok(probe.text.includes('oops\r\n'), JSON.stringify(probe.text));
    // Enter in the terminal (CR) reaches a line-reading process as a newline.
    terminal.handleInput('hello\r');
    await probe.waitFor((plain) => plain.includes('got=hello'), 'the line read back');
    assert.ok(probe.text.includes('got=hello\r\n'), JSON.stringify(probe.text));
  } finally {
    terminal.close();
  }
});

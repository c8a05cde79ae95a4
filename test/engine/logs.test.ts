import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Docker from 'dockerode';
import { ComposeLogsTerminal, ContainerLogsTerminal } from '../../src/logs/logsTerminal';
import { followContainerLogs } from '../../src/logs/containerLogFollower';
import { batchLines } from '../../src/logs/logDecoder';
import { ensureEngine, TEST_IMAGE, testLabels } from '../support/engine';
import { TerminalProbe } from '../support/terminalProbe';

let docker: Docker;
const created: Docker.Container[] = [];

before(async () => {
  docker = await ensureEngine();
});

after(async () => {
  await Promise.all(created.map((container) => container.remove({ force: true }).catch(() => undefined)));
});

async function createContainer(cmd: string, extra: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', cmd],
    Labels: { ...testLabels, ...(extra.Labels ?? {}) },
    HostConfig: { NetworkMode: 'none' },
    ...extra,
  });
  created.push(container);
  return container;
}

function numberedLines(plain: string, pattern: RegExp): string[] {
  return plain.split('\n').filter((line) => pattern.test(line));
}

test('logs arrive in order with stderr kept apart, and the last N lines come first', async () => {
  const container = await createContainer('for i in 1 2 3 4 5; do echo out-$i; echo err-$i >&2; done; sleep 300');
  await container.start();
  const seen: Array<{ stream: string; line: string }> = [];
  const controller = new AbortController();
  const done = followContainerLogs(
    docker,
    container.id,
    { tail: 'all', showTimestamps: false },
    { lines: (batch) => batchLines(batch).forEach((line) => seen.push({ stream: batch.stream, line })), notice: () => undefined },
    controller.signal,
  );
  const deadline = Date.now() + 15_000;
  while (seen.length < 10 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  controller.abort();
  await done;
  assert.deepEqual(seen.filter((entry) => entry.stream === 'stdout').map((entry) => entry.line), ['out-1', 'out-2', 'out-3', 'out-4', 'out-5']);
  assert.deepEqual(seen.filter((entry) => entry.stream === 'stderr').map((entry) => entry.line), ['err-1', 'err-2', 'err-3', 'err-4', 'err-5']);

  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 2, showTimestamps: true });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    // stdout and stderr are separate pipes: which two of out-5/err-5/out-4/err-4 are the last is the engine's order.
    await probe.waitFor((plain) => plain.trim().split('\n').length >= 2, 'the tail');
  } finally {
    terminal.close();
  }
  const tail = probe.plain.trim().split('\n');
  assert.equal(tail.length, 2, probe.plain);
  for (const line of tail) {
    assert.match(line, /^\d{4}-\d{2}-\d{2}T[\d:.]+Z (out|err)-[45]$/);
  }
  assert.ok(!probe.plain.includes('-3'), 'older lines than the tail are not shown');
});

test('stderr is shown in red in the terminal, stdout as the program wrote it', async () => {
  const container = await createContainer('printf "\\033[32mgreen\\033[0m\\n"; echo plain-err >&2; sleep 300');
  await container.start();
  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('green') && plain.includes('plain-err'), 'both lines');
  } finally {
    terminal.close();
  }
  assert.ok(probe.text.includes('\x1b[32mgreen\x1b[0m\r\n'), 'the program\'s colours are kept');
  assert.ok(probe.text.includes('\x1b[31mplain-err\x1b[0m\r\n'), 'stderr is red');
});

/** Writes the three lines of the container's next generation: a start counter kept in its file system. */
const WRITE_GENERATION = 'n=$(cat /gen 2>/dev/null || echo 0); n=$((n+1)); echo $n > /gen; for i in 1 2 3; do echo gen$n-line$i; done';
/** What three starts of WRITE_GENERATION show, each line once. */
const THREE_GENERATIONS = ['gen1-line1', 'gen1-line2', 'gen1-line3', 'gen2-line1', 'gen2-line2', 'gen2-line3', 'gen3-line1', 'gen3-line2', 'gen3-line3'];

test('following continues across a restart with no duplicated or lost line', async () => {
  // Each start writes the lines of one generation: a counter kept in the container's file system.
  const container = await createContainer(
    `${WRITE_GENERATION}; sleep 300`,
  );
  await container.start();
  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('gen1-line3'), 'the first generation');
    await container.restart({ t: 0 });
    await probe.waitFor((plain) => plain.includes('gen2-line3'), 'the second generation after a restart');
    await container.stop({ t: 0 });
    await probe.waitFor((plain) => plain.includes('Waiting for it to start again'), 'the stopped notice');
    await container.start();
    await probe.waitFor((plain) => plain.includes('gen3-line3'), 'the third generation after stop and start');
  } finally {
    terminal.close();
  }
  assert.deepEqual(numberedLines(probe.plain, /^gen\d-line\d$/), THREE_GENERATIONS);
});

test('a container that printed nothing gets one dim line saying so, which is no log line: the lines of its next run come once each', async () => {
  // The first run prints nothing; each later run prints its generation's three lines.
  const container = await createContainer(`if [ -f /gen ]; then ${WRITE_GENERATION}; else echo 1 > /gen; fi; sleep 300`);
  await container.start();
  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  const emptyLine = '── No output yet: the container has printed nothing so far. ──';
  try {
    await probe.waitFor((plain) => plain.includes(emptyLine), 'the empty-log line');
    assert.ok(probe.text.includes(`\x1b[2m${emptyLine}\x1b[0m\r\n`), 'dim, on one line');
    await container.restart({ t: 0 });
    await probe.waitFor((plain) => plain.includes('gen2-line3'), 'the lines of the second run');
    await container.restart({ t: 0 });
    await probe.waitFor((plain) => plain.includes('gen3-line3'), 'the lines of the third run');
  } finally {
    terminal.close();
  }
  assert.equal(probe.plain.split(emptyLine).length - 1, 1, 'said once');
  assert.deepEqual(numberedLines(probe.plain, /^gen\d-line\d$/), THREE_GENERATIONS.slice(3));
});

test('a stopped container that printed nothing says so', async () => {
  const container = await createContainer('true');
  await container.start();
  await container.wait();
  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false, follow: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('End of logs.'), 'the end of the logs');
  } finally {
    terminal.close();
  }
  assert.deepEqual(probe.plain.trim().split('\n'), ['── The container has printed nothing. ──', '── End of logs. ──']);
});

test('a Compose project merges its services with a prefix per service', async () => {
  const project = `dockside-test-${process.pid}`;
  for (const service of ['web', 'db']) {
    const container = await createContainer(`echo hello from ${service}; sleep 300`, {
      Labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': service },
    });
    await container.start();
  }
  const terminal = new ComposeLogsTerminal(docker, project, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('hello from web') && plain.includes('hello from db'), 'both services');
  } finally {
    terminal.close();
  }
  assert.match(probe.plain, /^web \| hello from web$/m);
  assert.match(probe.plain, /^db {2}\| hello from db$/m);
  assert.ok(probe.text.includes('\x1b[36m') && probe.text.includes('\x1b[33m'), 'each service has its own colour');
});

test('a start while the event stream was down is caught when it comes back, with no line lost or shown twice', async () => {
  // Each start writes the lines of one generation, then the container exits.
  const container = await createContainer(WRITE_GENERATION);
  await container.start();
  await container.wait();
  // The engine client as the terminal sees it, whose event stream can be dropped and refused on demand.
  const streams: NodeJS.ReadableStream[] = [];
  let refuse = false;
  const flaky: Docker = Object.create(docker);
  flaky.getEvents = (async (options: Parameters<Docker['getEvents']>[0]) => {
    if (refuse) {
      throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    }
    const stream = await docker.getEvents(options);
    streams.push(stream);
    return stream;
  }) as Docker['getEvents'];
  const terminal = new ContainerLogsTerminal(flaky, container.id, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => plain.includes('Waiting for it to start again'), 'the stopped notice');
    assert.equal(streams.length, 1);
    // The stream drops and cannot be re-established for a while; the container runs once in the gap.
    refuse = true;
    (streams[0] as NodeJS.ReadableStream & { destroy(): void }).destroy();
    await container.start();
    await container.wait();
    refuse = false;
    await probe.waitFor((plain) => plain.includes('gen2-line3'), 'the run during the gap');
    assert.equal(streams.length, 2, 'subscribed again');
    // The new subscription sees the next start as usual.
    await container.start();
    await probe.waitFor((plain) => plain.includes('gen3-line3'), 'the run after the gap');
  } finally {
    terminal.close();
  }
  assert.deepEqual(numberedLines(probe.plain, /^gen\d-line\d$/), THREE_GENERATIONS);
});

test('switching timestamps on an open terminal applies from the next line, without re-showing or losing any', async () => {
  const container = await createContainer('i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done');
  await container.start();
  const terminal = new ContainerLogsTerminal(docker, container.id, { tail: 'all', showTimestamps: false });
  const probe = new TerminalProbe(terminal);
  terminal.open(undefined);
  try {
    await probe.waitFor((plain) => /^tick-3$/m.test(plain), 'lines without timestamps');
    terminal.setShowTimestamps(true);
    await probe.waitFor((plain) => /Z tick-\d+\n[^]*Z tick-\d+$/m.test(plain), 'lines with timestamps');
    terminal.setShowTimestamps(false);
    await probe.waitFor((plain) => /hidden from here on[^]*\ntick-\d+\n/.test(plain), 'lines without timestamps again');
  } finally {
    terminal.close();
  }
  const lines = probe.plain.split('\n').filter((line) => line.length > 0);
  const shown = lines.indexOf('── Timestamps shown from here on. ──');
  const hidden = lines.indexOf('── Timestamps hidden from here on. ──');
  assert.ok(shown > 0 && hidden > shown, probe.plain);
  for (const [index, line] of lines.entries()) {
    if (index === shown || index === hidden) continue;
    assert.match(line, index > shown && index < hidden ? /^\d{4}-\d{2}-\d{2}T[\d:.]+Z tick-\d+$/ : /^tick-\d+$/, `line ${index}`);
  }
  const numbers = lines.filter((line) => line.includes('tick-')).map((line) => Number(/tick-(\d+)$/.exec(line)?.[1]));
  assert.deepEqual(numbers, numbers.map((_, index) => index + 1), 'every tick once, in order');
});

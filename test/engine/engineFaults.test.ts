/**
 * Engine faults on a dockerd of the test's own: an outage, SIGKILL and SIGSTOP (a frozen engine) while the
 * explorer lists, while logs are followed and while an exec starts or runs. Each asserts what the user sees
 * (the views' state, the terminal's message, the recovery, the log lines) and prints the reconnect time (a
 * figure, not a timed assertion).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Docker from 'dockerode';
import { dockerOptionsFor } from '../../src/engine/dockerOptions';
import { LiveEngine } from '../../src/engine/liveEngine';
import { ExecTerminal } from '../../src/exec/execTerminal';
import { ExplorerModel } from '../../src/explorer/model';
import { batchLines } from '../../src/logs/logDecoder';
import { followContainerLogs } from '../../src/logs/containerLogFollower';
import { statusBarText } from '../../src/views/engineStatusText';
import { ensureTestImage, TEST_IMAGE, testLabels } from '../support/engine';
import { OwnDockerd } from '../support/ownDockerd';
import { TerminalProbe } from '../support/terminalProbe';
import { waitFor } from '../support/waitFor';

const unavailable = OwnDockerd.available();
/** The outage of the first test; `DOCKSIDE_OUTAGE_SECONDS=45` for a longer one. */
const outageSeconds = Number(process.env.DOCKSIDE_OUTAGE_SECONDS ?? 20);

let dockerd: OwnDockerd;
let admin: Docker;
let client: Docker;
let model: ExplorerModel;
let live: LiveEngine;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/** Waits for the views to show the engine connected again; returns the milliseconds since `since`. */
async function reconnectedAfter(since: number): Promise<number> {
  await waitFor(() => model.state.kind, (kind) => kind === 'connected', 'the views reconnected by themselves', 30_000);
  return Date.now() - since;
}

/** The model's containers agree with the engine's list (ids and states). */
async function modelMatchesEngine(): Promise<void> {
  const expected = (await admin.listContainers({ all: true })).map((item) => `${item.Id} ${item.State}`).sort();
  await waitFor(() => model.containers.all().map((item) => `${item.Id} ${item.State}`).sort(), (shown) => JSON.stringify(shown) === JSON.stringify(expected), 'the containers as the engine has them');
}

async function runningContainer(cmd: string[], tty = false): Promise<Docker.Container> {
  const container = await admin.createContainer({ Image: TEST_IMAGE, Cmd: cmd, Tty: tty, Labels: { ...testLabels }, StopSignal: 'SIGKILL', HostConfig: { NetworkMode: 'none' } });
  await container.start();
  return container;
}

describe('engine faults on a dockerd of the test\u2019s own', { skip: unavailable, timeout: 600_000 }, () => {
  before(async () => {
    dockerd = new OwnDockerd();
    await dockerd.start();
    admin = dockerd.client();
    await ensureTestImage(admin);
    client = new Docker(dockerOptionsFor({ host: dockerd.host, source: 'setting', contextName: 'default' }));
    model = new ExplorerModel();
    // The extension's own retry, poll and deadline settings.
    live = new LiveEngine(client, model, { endpoint: dockerd.socket, contextName: 'default' });
    await live.start();
    assert.equal(model.state.kind, 'connected');
  });

  after(async () => {
    live?.dispose();
    if (admin) {
      for (const item of await admin.listContainers({ all: true, filters: { label: ['dockside.test=1'] } }).catch(() => [])) {
        await admin.getContainer(item.Id).remove({ force: true }).catch(() => undefined);
      }
    }
    await dockerd?.dispose();
  });

  test(`after a ${outageSeconds} s outage the views reconnect by themselves (reconnect time printed)`, async () => {
    await dockerd.stop();
    await waitFor(() => model.state.kind, (kind) => kind === 'unreachable', 'the unreachable state', 20_000);
    await new Promise((resolve) => setTimeout(resolve, outageSeconds * 1000));
    assert.equal(model.state.kind, 'unreachable', 'still unreachable at the end of the outage');
    await dockerd.start();
    const answered = Date.now();
    const took = await reconnectedAfter(answered);
    console.log(`[engine-fault] outage ${outageSeconds} s (SIGTERM): views reconnected ${seconds(took)} after the engine answered /_ping`);
    await modelMatchesEngine();
  });

  test('SIGKILL mid-list: the views say the engine is not running, and recover once it is back', async () => {
    const containers = await Promise.all([0, 1, 2].map(() => runningContainer(['sleep', '600'])));
    const refreshed = live.refresh();
    await dockerd.signal('SIGKILL');
    await refreshed;
    const down = await waitFor(() => model.state, (state) => state.kind === 'unreachable', 'the unreachable state', 20_000);
    assert.equal(down.kind === 'unreachable' && down.problem, 'notRunning');
    await dockerd.start();
    const took = await reconnectedAfter(Date.now());
    console.log(`[engine-fault] SIGKILL mid-list: views reconnected ${seconds(took)} after the engine answered /_ping`);
    // Without live-restore the restarted engine stopped the containers: the views show that, not the old state.
    await modelMatchesEngine();
    for (const container of containers) {
      await container.remove({ force: true });
    }
  });

  test('SIGSTOP mid-list: Refresh ends with "not answering" instead of hanging, and the views recover on SIGCONT', async () => {
    const refreshStarted = Date.now();
    const refreshed = live.refresh();
    await dockerd.signal('SIGSTOP');
    await refreshed;
    const refreshMs = Date.now() - refreshStarted;
    const frozen = await waitFor(() => model.state, (state) => state.kind === 'unreachable', 'the not-answering state', 30_000);
    assert.equal(frozen.kind === 'unreachable' && frozen.problem, 'timeout');
    assert.match(statusBarText(frozen).text, /Docker not answering/);
    await dockerd.signal('SIGCONT');
    const took = await reconnectedAfter(Date.now());
    console.log(`[engine-fault] SIGSTOP mid-list: Refresh returned after ${seconds(refreshMs)}; views reconnected ${seconds(took)} after SIGCONT`);
    await modelMatchesEngine();
  });

  test('SIGSTOP with the views idle: the silent event stream is noticed, the views say "not answering", then recover', async () => {
    await dockerd.signal('SIGSTOP');
    const stopped = Date.now();
    const frozen = await waitFor(() => model.state, (state) => state.kind === 'unreachable', 'the not-answering state', 30_000);
    const noticed = Date.now() - stopped;
    assert.equal(frozen.kind === 'unreachable' && frozen.problem, 'timeout');
    await dockerd.signal('SIGCONT');
    const took = await reconnectedAfter(Date.now());
    console.log(`[engine-fault] SIGSTOP idle: noticed after ${seconds(noticed)}; views reconnected ${seconds(took)} after SIGCONT`);
  });

  test('SIGSTOP and SIGKILL mid-logs: the log terminal says so, resumes, and shows every line once, in order', async () => {
    // Every line unique across runs (the run is named by the uptime at its start); a TTY, so the log is plain text.
    const talker = await runningContainer(['sh', '-c', 'r=$(cut -d" " -f1 /proc/uptime); i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo "run $r line $i"; sleep 0.05; done'], true);
    const lines: string[] = [];
    const notices: string[] = [];
    const abort = new AbortController();
    const following = followContainerLogs(client, talker.id, { tail: 'all', showTimestamps: false }, { lines: (batch) => lines.push(...batchLines(batch)), notice: (text) => notices.push(text) }, abort.signal);
    try {
      await waitFor(() => lines.length, (count) => count >= 20, 'lines followed');
      // A frozen engine: the container's output waits in its pipe; the follower notices the silence.
      await dockerd.signal('SIGSTOP');
      await waitFor(() => notices.join('\n'), (text) => /did not answer in time/.test(text), 'a notice that the engine does not answer', 30_000);
      await dockerd.signal('SIGCONT');
      const resumed = Date.now();
      const countAtResume = lines.length;
      await waitFor(() => lines.length, (count) => count > countAtResume + 20, 'lines again after SIGCONT', 30_000);
      console.log(`[engine-fault] SIGSTOP mid-logs: lines again ${seconds(Date.now() - resumed)} after SIGCONT`);
      // A killed engine: the restarted one stops the container (no live-restore); starting it again resumes.
      await dockerd.signal('SIGKILL');
      await dockerd.start();
      const restarted = Date.now();
      await waitFor(() => notices.join('\n'), (text) => /stopped/.test(text), 'the stop after the restart', 60_000);
      console.log(`[engine-fault] SIGKILL mid-logs: the terminal said the container stopped ${seconds(Date.now() - restarted)} after the engine answered`);
      await talker.start();
      const countAtStart = lines.length;
      await waitFor(() => lines.length, (count) => count > countAtStart + 5, 'lines of the next run', 30_000);
    } finally {
      abort.abort();
      await following.catch(() => undefined);
    }
    await talker.kill().catch(() => undefined);
    const kept = (await talker.logs({ stdout: true, stderr: true, follow: false })).toString('utf8');
    const engineLines = kept.split('\n').map((line) => line.replace(/\r$/, '')).filter(Boolean);
    const shown = lines.slice(0, engineLines.length);
    assert.deepEqual(shown.filter((line) => !engineLines.includes(line)), [], 'no line shown that the engine does not hold');
    assert.equal(new Set(lines).size, lines.length, 'no line shown twice (every line of the container is unique)');
    const order = lines.map((line) => engineLines.indexOf(line));
    assert.ok(order.every((index, at) => at === 0 || index > order[at - 1]), 'the lines in the engine\u2019s order');
    assert.ok(engineLines.slice(0, order.at(-1)! + 1).every((line) => lines.includes(line)), 'no line lost up to the last shown');
    console.log(`[engine-fault] mid-logs: ${lines.length} lines shown, 0 lost, 0 doubled; notices: ${notices.join(' | ')}`);
    await talker.remove({ force: true });
    await reconnectedAfter(Date.now());
  });

  test('SIGSTOP mid-exec: a terminal opened on a frozen engine ends with a message; SIGKILL ends a running one with a message', async () => {
    const box = await runningContainer(['sleep', '600']);
    await dockerd.signal('SIGSTOP');
    const frozenTerminal = new ExecTerminal(client, box.id, { shellSetting: 'sh' });
    const frozenProbe = new TerminalProbe(frozenTerminal);
    const opened = Date.now();
    frozenTerminal.open({ columns: 80, rows: 24 });
    await frozenProbe.waitFor((plain) => /Exec failed: The Docker Engine did not answer the exec within 10 s/.test(plain), 'the exec deadline message', 30_000);
    console.log(`[engine-fault] SIGSTOP mid-exec: the terminal said so after ${seconds(Date.now() - opened)}: ${JSON.stringify(frozenProbe.plain.trim())}`);
    frozenTerminal.handleInput('x');
    assert.equal(frozenProbe.closed, true, 'a key closes it');
    await dockerd.signal('SIGCONT');
    await reconnectedAfter(Date.now());

    const terminal = new ExecTerminal(client, box.id, { shellSetting: 'sh' });
    const probe = new TerminalProbe(terminal);
    terminal.open({ columns: 80, rows: 24 });
    await terminal.started;
    try {
      terminal.handleInput('echo $((6*7))\r');
      await probe.waitFor((plain) => plain.includes('42'), 'a shell that works after the engine recovered');
      await dockerd.signal('SIGKILL');
      await probe.waitFor((plain) => /connection to the Docker Engine was lost|exited with code/.test(plain), 'a message when the engine dies under the exec', 30_000);
      console.log(`[engine-fault] SIGKILL mid-exec: the terminal ends with ${JSON.stringify(probe.plain.trim().split('\n').at(-1))}`);
    } finally {
      terminal.close();
    }
    await dockerd.start();
    const took = await reconnectedAfter(Date.now());
    console.log(`[engine-fault] SIGKILL mid-exec: views reconnected ${seconds(took)} after the engine answered /_ping`);
    await box.remove({ force: true });
  });
});

/**
 * A second Docker Engine of the test's own, which it may stop and start: its own socket, data root, exec root
 * and pid file under a temporary folder, the same no-network flags as the shared engine, and its own containerd
 * namespace. Never touches the shared engine.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';

const noNetwork = ['--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false'];

export class OwnDockerd {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-dockerd-'));
  readonly socket = path.join(this.dir, 'docker.sock');
  private child: ChildProcess | undefined;
  private readonly log = path.join(this.dir, 'dockerd.log');

  static available(): string | undefined {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      return 'needs root on Linux to run a second dockerd';
    }
    if (spawnSync('sh', ['-c', 'command -v dockerd'], { stdio: 'ignore' }).status !== 0) {
      return 'dockerd is not installed';
    }
    return undefined;
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  client(): Docker {
    return new Docker({ socketPath: this.socket, host: undefined, port: undefined, protocol: undefined });
  }

  /** Starts dockerd and waits until it answers /_ping. */
  async start(deadlineMs = 60_000): Promise<void> {
    const config = path.join(this.dir, 'daemon.json');
    fs.writeFileSync(config, '{}\n');
    const namespace = `dockside-test-${path.basename(this.dir)}`;
    const log = fs.openSync(this.log, 'a');
    this.child = spawn(
      'dockerd',
      [
        ...noNetwork,
        `--host=unix://${this.socket}`,
        `--data-root=${path.join(this.dir, 'data')}`,
        `--exec-root=${path.join(this.dir, 'exec')}`,
        `--pidfile=${path.join(this.dir, 'docker.pid')}`,
        `--config-file=${config}`,
        `--containerd-namespace=${namespace}`,
        `--containerd-plugins-namespace=${namespace}-plugins`,
        '--log-level=warn',
      ],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    const docker = this.client();
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`dockerd exited with ${this.child.exitCode}: ${this.tail()}`);
      }
      try {
        if (String(await docker.ping()) === 'OK') {
          return;
        }
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`dockerd did not answer within ${deadlineMs} ms: ${this.tail()}`);
  }

  /** Stops this dockerd (SIGTERM to its own pid) and waits for it to exit. */
  async stop(deadlineMs = 30_000): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    await exited;
    clearTimeout(timer);
  }

  /** Stops it and deletes its folder. */
  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  private tail(): string {
    try {
      return fs.readFileSync(this.log, 'utf8').trim().split('\n').slice(-10).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

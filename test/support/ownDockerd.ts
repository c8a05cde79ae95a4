/**
 * A second Docker Engine of the test's own, which it may stop and start: its own socket, data root, exec root
 * and pid file under a temporary folder, the same no-network flags as the shared engine, and its own containerd
 * namespace. Never touches the shared engine.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { isRunning, logTail, stopChild, unmountBelow } from './childProcess';

const noNetwork = ['--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false'];

/** True when something accepts connections on the unix socket. */
function connects(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const connection = net.connect(socket);
    connection.once('connect', () => {
      connection.destroy();
      resolve(true);
    });
    connection.once('error', () => resolve(false));
  });
}

/** A tcp listener with TLS verification of both sides, as `-H tcp://127.0.0.1:<port> --tlsverify --tlscacert …`. */
export interface TlsListener {
  port: number;
  ca: string;
  cert: string;
  key: string;
}

export class OwnDockerd {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-dockerd-'));
  /** Also listen on loopback tcp with TLS (`tcpHost` then names it). */
  tls: TlsListener | undefined;
  readonly socket = path.join(this.dir, 'docker.sock');
  private child: ChildProcess | undefined;
  /**
   * Its containerd, a process of its own as in a packaged install (not one dockerd starts): it outlives a
   * dockerd that is killed, so the engine restarts onto its running containers as a real one does.
   */
  private containerd: ChildProcess | undefined;
  private readonly containerdSocket = path.join(this.dir, 'containerd', 'containerd.sock');
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

  /** `tcp://127.0.0.1:<port>` when it listens with TLS. */
  get tcpHost(): string | undefined {
    return this.tls ? `tcp://127.0.0.1:${this.tls.port}` : undefined;
  }

  client(): Docker {
    return new Docker({ socketPath: this.socket, host: undefined, port: undefined, protocol: undefined });
  }

  private async startContainerd(deadlineMs: number): Promise<void> {
    if (isRunning(this.containerd)) {
      return;
    }
    const root = path.join(this.dir, 'containerd');
    fs.mkdirSync(root, { recursive: true });
    const config = path.join(root, 'config.toml');
    fs.writeFileSync(
      config,
      [
        'version = 2',
        `root = ${JSON.stringify(path.join(root, 'root'))}`,
        `state = ${JSON.stringify(path.join(root, 'state'))}`,
        'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
        '[grpc]',
        `  address = ${JSON.stringify(this.containerdSocket)}`,
        '',
      ].join('\n'),
    );
    const log = fs.openSync(path.join(root, 'containerd.log'), 'a');
    this.containerd = spawn('containerd', ['--config', config, '--log-level', 'warn'], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const deadline = Date.now() + deadlineMs;
    while (!(await connects(this.containerdSocket))) {
      if (this.containerd.exitCode !== null || Date.now() > deadline) {
        throw new Error(`containerd did not start: ${fs.readFileSync(path.join(root, 'containerd.log'), 'utf8').slice(-1000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Starts dockerd (and, the first time, its containerd) and waits until it answers /_ping. */
  async start(deadlineMs = 60_000): Promise<void> {
    await this.startContainerd(deadlineMs);
    const config = path.join(this.dir, 'daemon.json');
    fs.writeFileSync(config, '{}\n');
    const namespace = `dockside-test-${path.basename(this.dir)}`;
    const log = fs.openSync(this.log, 'a');
    this.child = spawn(
      'dockerd',
      [
        ...noNetwork,
        `--host=unix://${this.socket}`,
        ...(this.tls
          ? [`--host=tcp://127.0.0.1:${this.tls.port}`, '--tlsverify', `--tlscacert=${this.tls.ca}`, `--tlscert=${this.tls.cert}`, `--tlskey=${this.tls.key}`]
          : []),
        `--data-root=${path.join(this.dir, 'data')}`,
        `--exec-root=${path.join(this.dir, 'exec')}`,
        `--pidfile=${path.join(this.dir, 'docker.pid')}`,
        `--config-file=${config}`,
        `--containerd=${this.containerdSocket}`,
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
        throw new Error(`dockerd exited with ${this.child.exitCode}: ${logTail(this.log)}`);
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
    throw new Error(`dockerd did not answer within ${deadlineMs} ms: ${logTail(this.log)}`);
  }

  /**
   * Sends a signal to this dockerd: SIGKILL kills it on the spot (its containers' shims live on), SIGSTOP
   * freezes it (connections are accepted, nothing is answered) until SIGCONT. Resolves once a SIGKILL took.
   */
  async signal(signal: 'SIGKILL' | 'SIGSTOP' | 'SIGCONT'): Promise<void> {
    const child = this.child;
    if (!isRunning(child)) {
      throw new Error(`dockerd is not running (cannot send ${signal})`);
    }
    if (signal !== 'SIGKILL') {
      child.kill(signal);
      return;
    }
    // dockerd alone dies; its containerd and the containers' shims live on, as in a real crash.
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.child = undefined;
  }

  /** Stops this dockerd (SIGTERM to its own pid) and waits for it to exit. */
  async stop(deadlineMs = 30_000): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await stopChild(child, deadlineMs);
  }

  /** Stops it (and its containerd) and deletes its folder. */
  async dispose(): Promise<void> {
    await this.stop();
    const containerd = this.containerd;
    this.containerd = undefined;
    await stopChild(containerd);
    // A dockerd that was killed leaves its mount of the data root behind (the next one mounts it again).
    unmountBelow(this.dir);
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

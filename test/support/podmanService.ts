/**
 * A Podman API service of the test's own: `podman system service --time=0 unix://<socket>` with its storage,
 * run root, temp folder and configuration under a temporary folder, so it shares nothing with another Podman
 * on the machine. What works here (Podman 4.3, root, no systemd): overlay storage (vfs where overlay cannot
 * mount), the cgroupfs cgroup manager, the file events logger (no journald), no network namespace of
 * Podman's making (`netns="none"`) and fixed rlimits (this machine cannot raise them: without the default
 * ulimits `runc create` fails "error setting rlimit type 7").
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { logTail, stopChild, unmountBelow } from './childProcess';

export class PodmanService {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-podman-'));
  readonly socket = path.join(this.dir, 'podman.sock');
  private child: ChildProcess | undefined;
  private readonly log = path.join(this.dir, 'podman.log');

  static available(): string | undefined {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      return 'needs root on Linux to run a Podman service';
    }
    if (spawnSync('sh', ['-c', 'command -v podman'], { stdio: 'ignore' }).status !== 0) {
      return 'podman is not installed (Debian package podman)';
    }
    return undefined;
  }

  client(): Docker {
    return new Docker({ socketPath: this.socket, host: undefined, port: undefined, protocol: undefined });
  }

  private environment(driver: 'overlay' | 'vfs'): NodeJS.ProcessEnv {
    const containersConf = path.join(this.dir, 'containers.conf');
    fs.writeFileSync(
      containersConf,
      [
        '[containers]',
        'netns="none"',
        'default_ulimits=["nofile=4096:4096","nproc=4096:4096"]',
        '[engine]',
        'cgroup_manager="cgroupfs"',
        'events_logger="file"',
        `events_logfile_path=${JSON.stringify(path.join(this.dir, 'events.log'))}`,
        '',
      ].join('\n'),
    );
    const storageConf = path.join(this.dir, 'storage.conf');
    fs.writeFileSync(
      storageConf,
      ['[storage]', `driver = "${driver}"`, `runroot = ${JSON.stringify(path.join(this.dir, 'run'))}`, `graphroot = ${JSON.stringify(path.join(this.dir, 'root'))}`, ''].join('\n'),
    );
    return { ...process.env, CONTAINERS_CONF: containersConf, CONTAINERS_STORAGE_CONF: storageConf, TMPDIR: path.join(this.dir, 'tmp') };
  }

  /** Starts the service (overlay storage, else vfs) and waits until it answers /_ping. */
  async start(deadlineMs = 60_000): Promise<void> {
    fs.mkdirSync(path.join(this.dir, 'tmp'), { recursive: true });
    const roots = ['--runroot', path.join(this.dir, 'run'), '--root', path.join(this.dir, 'root'), '--tmpdir', path.join(this.dir, 'tmp')];
    const overlay = spawnSync('podman', [...roots, 'info', '--format', '{{.Store.GraphDriverName}}'], { env: this.environment('overlay'), encoding: 'utf8' });
    const env = this.environment(overlay.status === 0 && overlay.stdout.trim() === 'overlay' ? 'overlay' : 'vfs');
    const log = fs.openSync(this.log, 'a');
    this.child = spawn('podman', [...roots, 'system', 'service', '--time=0', `unix://${this.socket}`], { stdio: ['ignore', log, log], env });
    fs.closeSync(log);
    const docker = this.client();
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`podman system service exited with ${this.child.exitCode}: ${logTail(this.log)}`);
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
    throw new Error(`podman did not answer within ${deadlineMs} ms: ${logTail(this.log)}`);
  }

  /** Stops the service and deletes its folder (its storage included). */
  async dispose(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await stopChild(child);
    // Each exec leaves a conmon waiting (its exit delay) for minutes after the exec ended: those of this
    // service, found by their folder in their command line, are stopped by pid.
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${this.dir}/`)) {
          process.kill(Number(pid), 'SIGTERM');
        }
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
    // Podman's overlay leaves mounts under its root while containers or layers are mounted.
    unmountBelow(this.dir);
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

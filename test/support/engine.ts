/**
 * A real Docker Engine for the tests. `ensureEngine()` finds a reachable engine (DOCKER_HOST, else the
 * default socket) or, as root on Debian, installs and starts one; then it makes sure the test image exists.
 * It never returns without an engine: when it cannot get one it throws with the reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';

/** Label carried by everything a test creates; tests remove exactly what they made. */
export const TEST_LABEL = 'dockside.test';
export const testLabels = { [TEST_LABEL]: '1' } as const;
/** The test image: `FROM scratch` with a static busybox, built locally (there is no registry). */
export const TEST_IMAGE = 'dockside-test/busybox:1';

const DOCKERD_FLAGS = ['--bridge=none', '--iptables=false', '--ip6tables=false', '--ip-forward=false', '--ip-masq=false'];
const PING_DEADLINE_MS = 60_000;
const BUSYBOX = '/bin/busybox';

export function dockerdLogPath(): string {
  return path.join(os.tmpdir(), 'dockside-dockerd.log');
}

async function answersPing(docker: Docker): Promise<boolean> {
  try {
    const reply: unknown = await docker.ping();
    return String(reply) === 'OK';
  } catch {
    return false;
  }
}

async function waitForPing(docker: Docker, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await answersPing(docker)) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

export function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function aptInstall(packages: string[]): void {
  const missing = packages.filter((name) => spawnSync('dpkg', ['-s', name], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0) {
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'pipe'], env, encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`apt-get ${args.join(' ')} failed: ${result.stderr.trim()}`);
    }
  };
  run(['update', '-q']);
  run(['install', '-y', '-q', ...missing]);
}

function canInstallEngine(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    return 'not running as root on Linux, so a Docker Engine cannot be installed and started here';
  }
  if (!fs.existsSync('/etc/debian_version') || !onPath('apt-get')) {
    return 'not a Debian system with apt-get, so docker.io cannot be installed here';
  }
  return undefined;
}

function startDockerd(): void {
  const log = fs.openSync(dockerdLogPath(), 'a');
  const child = spawn('dockerd', DOCKERD_FLAGS, { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  fs.closeSync(log);
}

function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Builds the busybox test image through the Engine API when it is missing. */
export async function ensureTestImage(docker: Docker): Promise<void> {
  const present = await docker.listImages({ filters: { reference: [TEST_IMAGE] } });
  if (present.length > 0) {
    return;
  }
  if (!fs.existsSync(BUSYBOX)) {
    aptInstall(['busybox-static']);
  }
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-busybox-'));
  try {
    fs.copyFileSync(BUSYBOX, path.join(context, 'busybox'));
    fs.chmodSync(path.join(context, 'busybox'), 0o755);
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        'RUN ["/bin/busybox", "--install", "-s", "/bin"]',
        'ENV PATH=/bin',
        'CMD ["/bin/sh"]',
        '',
      ].join('\n'),
    );
    const stream = await docker.buildImage({ context, src: ['Dockerfile', 'busybox'] }, { t: TEST_IMAGE, labels: { 'dockside.fixture': '1' } });
    const output: Array<{ error?: string }> = await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, result: Array<{ error?: string }>) =>
        error ? reject(error) : resolve(result),
      ),
    );
    const failure = output.find((message) => message.error);
    if (failure) {
      throw new Error(`building ${TEST_IMAGE} failed: ${failure.error}`);
    }
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
}

/**
 * The unix socket of an engine client: docker-modem keeps a string when one was given (or DOCKER_HOST named
 * one) and a function that picks its default socket otherwise, which is the system's `/var/run/docker.sock`
 * for the tests' root user.
 */
export function engineSocketPath(docker: Docker): string {
  const socketPath: unknown = (docker.modem as { socketPath?: unknown }).socketPath;
  if (typeof socketPath === 'string' && socketPath !== '') {
    return socketPath;
  }
  const host = process.env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

let ready: Promise<Docker> | undefined;

/** Returns a client for a reachable engine with the test image present, or throws with the reason. */
export function ensureEngine(): Promise<Docker> {
  ready ??= (async () => {
    const docker = new Docker();
    if (!(await answersPing(docker))) {
      if (process.env.DOCKER_HOST) {
        throw new Error(`DOCKER_HOST=${process.env.DOCKER_HOST} does not answer /_ping; start that engine or unset DOCKER_HOST`);
      }
      const refusal = canInstallEngine();
      if (refusal) {
        throw new Error(`No Docker Engine answers on /var/run/docker.sock, and ${refusal}.`);
      }
      if (!onPath('dockerd')) {
        aptInstall(['docker.io']);
      }
      startDockerd();
      if (!(await waitForPing(docker, PING_DEADLINE_MS))) {
        throw new Error(
          `dockerd did not answer /_ping within ${PING_DEADLINE_MS / 1000} s; last lines of ${dockerdLogPath()}:\n${tail(dockerdLogPath(), 20)}`,
        );
      }
    }
    await ensureTestImage(docker);
    return docker;
  })();
  return ready;
}

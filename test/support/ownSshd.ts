/**
 * An sshd of the test's own on a loopback port, with its own host key and a client key the test makes, logging
 * to a file (each login is a line). `docker.sock` on its side is the test's engine: when that engine is not the
 * default socket, sshd runs in a mount namespace of its own where /run/docker.sock is that engine's socket, so
 * nothing reaches the machine's default engine.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { stopChild } from './childProcess';
import { freePort } from './freePort';

export class OwnSshd {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-sshd-'));
  /** The client's private key (for `sshIdentity`). */
  readonly identity = path.join(this.dir, 'client_key');
  private readonly log = path.join(this.dir, 'sshd.log');
  private child: ChildProcess | undefined;
  port = 0;

  static available(): string | undefined {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) {
      return 'needs root on Linux to run sshd and log in as root';
    }
    if (!fs.existsSync('/usr/sbin/sshd') || spawnSync('sh', ['-c', 'command -v ssh-keygen && command -v unshare'], { stdio: 'ignore' }).status !== 0) {
      return 'openssh-server (sshd, ssh-keygen) or unshare is not installed';
    }
    return undefined;
  }

  get address(): string {
    return `ssh://root@127.0.0.1:${this.port}`;
  }

  /** Starts sshd, its docker.sock being `engineSocket`; resolves once it accepts connections. */
  async start(engineSocket: string, deadlineMs = 20_000): Promise<void> {
    this.port = await freePort();
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(this.dir, 'host_key')]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', this.identity]);
    fs.copyFileSync(`${this.identity}.pub`, path.join(this.dir, 'authorized_keys'));
    const config = path.join(this.dir, 'sshd_config');
    fs.writeFileSync(
      config,
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${path.join(this.dir, 'host_key')}`,
        `AuthorizedKeysFile ${path.join(this.dir, 'authorized_keys')}`,
        'PidFile none',
        'UsePAM no',
        'StrictModes no',
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'AllowStreamLocalForwarding yes',
        'LogLevel INFO',
        '',
      ].join('\n'),
    );
    const log = fs.openSync(this.log, 'a');
    const sameAsDefault = fs.existsSync('/var/run/docker.sock') && fs.realpathSync('/var/run/docker.sock') === fs.realpathSync(engineSocket);
    if (sameAsDefault) {
      fs.mkdirSync('/run/sshd', { recursive: true });
      this.child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', log, log] });
    } else {
      // The engine's socket is bound to a file of ours first (a tmpfs over /run would hide it), then onto
      // /run/docker.sock of a /run that exists in this namespace only.
      const relay = path.join(this.dir, 'engine.sock');
      fs.writeFileSync(relay, '');
      const script = [
        'set -e',
        'mount --bind "$1" "$2"',
        'mount -t tmpfs tmpfs /run',
        'mkdir -p /run/sshd',
        'touch /run/docker.sock',
        'mount --bind "$2" /run/docker.sock',
        'exec /usr/sbin/sshd -D -e -f "$3"',
      ].join('\n');
      this.child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', engineSocket, relay, config], { stdio: ['ignore', log, log] });
    }
    fs.closeSync(log);
    const deadline = Date.now() + deadlineMs;
    while (!(await this.accepts())) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`sshd did not start: ${this.logText().slice(-1000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  logText(): string {
    try {
      return fs.readFileSync(this.log, 'utf8');
    } catch {
      return '';
    }
  }

  /** How many times a client logged in (one line per accepted key). */
  logins(): number {
    return (this.logText().match(/Accepted publickey/g) ?? []).length;
  }

  async dispose(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    await stopChild(child);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

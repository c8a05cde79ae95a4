/**
 * A plain-HTTP image registry on 127.0.0.1 for one test (Debian's `docker-registry`, distribution 2.x): config
 * version 0.1, filesystem storage under a temporary folder, a free loopback port. An engine treats registries
 * on 127.0.0.0/8 as insecure, so it pushes and pulls over HTTP without any daemon setting. Nothing leaves the
 * machine: a Swarm service made from `<registry>/image` is pulled from here.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/v2/', timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once('error', () => resolve(false));
    request.once('timeout', () => {
      request.destroy();
      resolve(false);
    });
  });
}

export class LoopbackRegistry {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockside-registry-'));
  private child: ChildProcess | undefined;
  port = 0;

  static available(): string | undefined {
    return spawnSync('sh', ['-c', 'command -v docker-registry'], { stdio: 'ignore' }).status === 0 ? undefined : 'docker-registry is not installed (Debian package docker-registry)';
  }

  /** `127.0.0.1:<port>`, the prefix of the image names it serves. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(deadlineMs = 20_000): Promise<void> {
    this.port = await freeLoopbackPort();
    const config = path.join(this.dir, 'config.yml');
    fs.writeFileSync(
      config,
      ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${path.join(this.dir, 'data')}`, 'http:', `  addr: 127.0.0.1:${this.port}`, ''].join('\n'),
    );
    const log = fs.openSync(path.join(this.dir, 'registry.log'), 'a');
    this.child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const deadline = Date.now() + deadlineMs;
    while (!(await answers(this.port))) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`docker-registry did not start: ${fs.readFileSync(path.join(this.dir, 'registry.log'), 'utf8').slice(-1000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Tags a local image as `<registry>/<name>` and pushes it there; returns the pushed reference. */
  async push(docker: Docker, localImage: string, name: string): Promise<string> {
    const reference = `${this.address}/${name}`;
    const colon = reference.lastIndexOf(':');
    await docker.getImage(localImage).tag({ repo: reference.slice(0, colon), tag: reference.slice(colon + 1) });
    const stream = await docker.getImage(reference).push({ authconfig: { serveraddress: this.address } });
    const output: Array<{ error?: string }> = await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, result: Array<{ error?: string }>) => (error ? reject(error) : resolve(result))),
    );
    const failure = output.find((message) => message.error);
    if (failure) {
      throw new Error(`pushing ${reference} failed: ${failure.error}`);
    }
    return reference;
  }

  async dispose(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

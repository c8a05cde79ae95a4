/**
 * A throwaway Distribution registry (Debian's `docker-registry serve <config>`) on a free loopback port:
 * plain HTTP, TLS with a CA made for the test (openssl), or TLS with htpasswd basic auth; deletes enabled.
 * Any mode may instead take token auth (`token`): the registry then trusts the tokens of a token server
 * (test/support/tokenServer.ts) and answers `WWW-Authenticate: Bearer realm=…,service=…,scope=…`.
 * `stop()` ends it and removes its folder (storage, keys, certificates).
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type Docker from 'dockerode';
import { stopChild } from './childProcess';
import { freePort } from './freePort';

export type RegistryMode = 'http' | 'tls' | 'tls-htpasswd';

export interface OwnRegistryOptions {
  mode: RegistryMode;
  /** The address to listen on; 127.0.0.1 unless a test gives the address of a namespace it made. */
  address?: string;
  /** With `tls-htpasswd`: the one user (password checked with bcrypt). */
  user?: { name: string; password: string };
  /** A network namespace (made by the test) to run the registry in, through `ip netns exec`. */
  netns?: string;
  /** Token auth: where clients get tokens, the service and issuer the tokens name, the CA bundle that signs them. */
  token?: { realm: string; service: string; issuer: string; rootCertBundle: string };
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA and a server certificate for `address` signed by it, in `dir` (ca.crt, server.crt, server.key). */
export function makeCertificates(dir: string, address: string): { caPath: string; certPath: string; keyPath: string } {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Dockside Test CA', '-keyout', 'ca.key', '-out', 'ca.crt'], dir);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${address}`, '-keyout', 'server.key', '-out', 'server.csr'], dir);
  const san = /^[0-9.]+$/.test(address) ? `IP:${address}` : `DNS:${address}`;
  execFileSync('sh', ['-c', `printf 'subjectAltName=%s\\nbasicConstraints=CA:FALSE\\n' "$1" > server.ext`, 'sh', san], { cwd: dir });
  openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.crt'], dir);
  return { caPath: path.join(dir, 'ca.crt'), certPath: path.join(dir, 'server.crt'), keyPath: path.join(dir, 'server.key') };
}

export class OwnRegistry {
  /** `127.0.0.1:port`: the registry part of image references. */
  readonly host: string;
  readonly baseUrl: string;
  /** PEM of the CA (TLS modes). */
  ca: string | undefined;
  caPath: string | undefined;
  private process: ChildProcess | undefined;
  private log = '';

  private constructor(
    readonly mode: RegistryMode,
    readonly dir: string,
    readonly address: string,
    readonly port: number,
  ) {
    this.host = `${address}:${port}`;
    this.baseUrl = `${mode === 'http' ? 'http' : 'https'}://${this.host}`;
  }

  /** Why no registry can be started here, or undefined when `docker-registry` is installed. */
  static available(): string | undefined {
    return spawnSync('sh', ['-c', 'command -v docker-registry'], { stdio: 'ignore' }).status === 0 ? undefined : 'docker-registry is not installed (Debian package docker-registry)';
  }

  static async start(options: OwnRegistryOptions): Promise<OwnRegistry> {
    const address = options.address ?? '127.0.0.1';
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), `dockside-registry-${options.mode}-`));
    // A namespace the test made has every port free; on loopback one is asked of the system.
    const registry = new OwnRegistry(options.mode, dir, address, options.netns ? 5000 : await freePort(address));
    try {
      await registry.launch(options);
    } catch (error) {
      await registry.stop();
      throw error;
    }
    return registry;
  }

  private async launch(options: OwnRegistryOptions): Promise<void> {
    const lines = ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${path.join(this.dir, 'data')}`, '  delete:', '    enabled: true'];
    lines.push('http:', `  addr: ${this.host}`);
    if (this.mode !== 'http') {
      const certs = makeCertificates(this.dir, this.address);
      this.ca = await fs.readFile(certs.caPath, 'utf8');
      this.caPath = certs.caPath;
      lines.push('  tls:', `    certificate: ${certs.certPath}`, `    key: ${certs.keyPath}`);
    }
    if (this.mode === 'tls-htpasswd') {
      const user = options.user ?? { name: 'dockside', password: 'test-password' };
      const htpasswd = path.join(this.dir, 'htpasswd');
      execFileSync('htpasswd', ['-Bbc', htpasswd, user.name, user.password], { stdio: 'ignore' });
      lines.push('auth:', '  htpasswd:', '    realm: dockside-test', `    path: ${htpasswd}`);
    }
    if (options.token) {
      const { realm, service, issuer, rootCertBundle } = options.token;
      lines.push('auth:', '  token:', `    realm: ${realm}`, `    service: ${service}`, `    issuer: ${issuer}`, `    rootcertbundle: ${rootCertBundle}`);
    }
    const config = path.join(this.dir, 'config.yml');
    await fs.writeFile(config, `${lines.join('\n')}\n`);
    const command = options.netns ? ['ip', 'netns', 'exec', options.netns, 'docker-registry', 'serve', config] : ['docker-registry', 'serve', config];
    const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    child.stdout?.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-4000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.log = (this.log + chunk.toString()).slice(-4000)));
    const deadline = Date.now() + 20_000;
    while (!(await this.answers())) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`docker-registry did not start on ${this.host}: ${this.log.trim().slice(-1000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private answers(): Promise<boolean> {
    return new Promise((resolve) => {
      const url = `${this.baseUrl}/v2/`;
      const request = (this.mode === 'http' ? http : https).get(url, { ca: this.ca, timeout: 2000 }, (response) => {
        response.resume();
        resolve(response.statusCode === 200 || response.statusCode === 401);
      });
      request.on('error', () => resolve(false));
      request.on('timeout', () => request.destroy());
    });
  }

  /** Tags a local image as `<registry>/<name>` and pushes it there; returns the pushed reference. */
  async push(docker: Docker, localImage: string, name: string): Promise<string> {
    const reference = `${this.host}/${name}`;
    const colon = reference.lastIndexOf(':');
    await docker.getImage(localImage).tag({ repo: reference.slice(0, colon), tag: reference.slice(colon + 1) });
    const stream = await docker.getImage(reference).push({ authconfig: { serveraddress: this.host } });
    const output: Array<{ error?: string }> = await new Promise((resolve, reject) =>
      docker.modem.followProgress(stream, (error: Error | null, result: Array<{ error?: string }>) => (error ? reject(error) : resolve(result))),
    );
    const failure = output.find((message) => message.error);
    if (failure) {
      throw new Error(`pushing ${reference} failed: ${failure.error}`);
    }
    return reference;
  }

  async stop(): Promise<void> {
    await stopChild(this.process, 5000);
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';
import { Client, ConnectConfig } from 'ssh2';
import { knownHostKeys } from './knownHosts';

function readIfPresent(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Checks the host's key against ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts as ssh does: a recorded host
 * whose key differs (or a revoked key) is refused. A host recorded nowhere is accepted, as docker-modem accepts
 * every host: the Docker CLI's ssh would have recorded it on first use.
 */
export function knownHostsVerifier(host: string, port: number, home: string): (key: Buffer) => boolean {
  return (key) => {
    const recorded = knownHostKeys([readIfPresent(path.join(home, '.ssh', 'known_hosts')), readIfPresent('/etc/ssh/ssh_known_hosts')], host, port);
    const offered = key.toString('base64');
    if (recorded.revoked.includes(offered)) {
      return false;
    }
    return recorded.keys.length === 0 || recorded.keys.includes(offered);
  };
}

/** The engine's socket on the ssh host, as the Docker CLI reaches it (`docker system dial-stdio` dials the default). */
export const remoteDockerSocket = '/var/run/docker.sock';

/**
 * ssh2 options for an `ssh://user@host:port` address: the identity file when given, else the ssh agent, else the
 * usual key files of ~/.ssh.
 */
export function sshConnectConfig(address: string, identity: string | undefined, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): ConnectConfig {
  const url = new URL(address);
  const config: ConnectConfig = {
    host: url.hostname,
    port: url.port ? Number(url.port) : 22,
    username: decodeURIComponent(url.username) || os.userInfo().username,
    keepaliveInterval: 15_000,
    readyTimeout: 10_000,
  };
  config.hostVerifier = knownHostsVerifier(config.host as string, config.port as number, home);
  if (identity) {
    return { ...config, privateKey: fs.readFileSync(identity) };
  }
  if (env.SSH_AUTH_SOCK) {
    return { ...config, agent: env.SSH_AUTH_SOCK };
  }
  const key = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((name) => path.join(home, '.ssh', name)).find((file) => fs.existsSync(file));
  return key ? { ...config, privateKey: fs.readFileSync(key) } : config;
}

/** What node's http client may call on a socket; an ssh channel lacks them, and they mean nothing there. */
function socketLike(stream: Duplex): Duplex {
  const target = stream as Duplex & Record<string, unknown>;
  for (const method of ['setTimeout', 'setNoDelay', 'setKeepAlive', 'ref', 'unref']) {
    if (typeof target[method] !== 'function') {
      target[method] = () => stream;
    }
  }
  return stream;
}

/**
 * One kept ssh connection to an engine's host, with every API request on a channel of its own
 * (`direct-streamlocal` to the engine's socket): a request costs a channel open (a round trip), not an ssh
 * handshake. docker-modem's own ssh support opens a new ssh connection per request (~1 s each). The connection
 * is opened on first use and again after it drops.
 */
export class SshTunnel {
  private client: Client | undefined;
  private ready: Promise<Client> | undefined;
  private disposed = false;
  /** An http.Agent for docker-modem: each connection it asks for is a new channel over the kept ssh connection. */
  readonly agent: http.Agent;

  constructor(
    private readonly config: ConnectConfig,
    private readonly socketPath = remoteDockerSocket,
  ) {
    const agent = new http.Agent();
    // Node's http client accepts a connection handed over later through the callback.
    agent.createConnection = ((_options: unknown, callback: (error: Error | null, stream?: Duplex) => void) => {
      this.openChannel().then(
        (stream) => callback(null, socketLike(stream)),
        (error: Error) => callback(error),
      );
      return undefined;
    }) as unknown as http.Agent['createConnection'];
    this.agent = agent;
  }

  private connection(): Promise<Client> {
    if (this.disposed) {
      return Promise.reject(new Error('The ssh connection was closed.'));
    }
    this.ready ??= new Promise<Client>((resolve, reject) => {
      const client = new Client();
      this.client = client;
      let settled = false;
      let refusedKey = false;
      const verify = this.config.hostVerifier as ((key: Buffer) => boolean) | undefined;
      const config: ConnectConfig = verify
        ? {
            ...this.config,
            hostVerifier: (key: Buffer) => {
              refusedKey = !verify(key);
              return !refusedKey;
            },
          }
        : this.config;
      const forget = () => {
        if (this.client === client) {
          this.client = undefined;
          this.ready = undefined;
        }
      };
      client.on('ready', () => {
        settled = true;
        resolve(client);
      });
      client.on('error', (error) => {
        forget();
        if (!settled) {
          settled = true;
          reject(
            refusedKey
              ? new Error(`The host key of ${this.config.host}:${this.config.port} is not the one known_hosts records for it: refused, as ssh refuses it.`)
              : error,
          );
        }
      });
      client.on('close', () => {
        forget();
        if (!settled) {
          settled = true;
          reject(new Error(`The ssh connection to ${this.config.host}:${this.config.port} closed before it was ready.`));
        }
      });
      client.connect(config);
    });
    return this.ready;
  }

  /** A new channel to the engine's socket over the kept connection (connecting first when needed). */
  async openChannel(): Promise<Duplex> {
    const client = await this.connection();
    return new Promise<Duplex>((resolve, reject) => {
      client.openssh_forwardOutStreamLocal(this.socketPath, (error, channel) => (error ? reject(error) : resolve(channel)));
    });
  }

  dispose(): void {
    this.disposed = true;
    this.client?.end();
    this.client = undefined;
    this.ready = undefined;
    this.agent.destroy();
  }
}

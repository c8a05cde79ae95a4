import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import type Docker from 'dockerode';
import type { Endpoint } from './endpoint';

function readIfPresent(dir: string | undefined, file: string): Buffer | undefined {
  if (!dir) {
    return undefined;
  }
  const full = path.join(dir, file);
  return fs.existsSync(full) ? fs.readFileSync(full) : undefined;
}

function withScheme(host: string): URL {
  const text = host.includes('://') ? host : `tcp://${host}`;
  try {
    return new URL(text);
  } catch {
    throw new Error(`"${host}" is not a Docker Engine address (expected unix:///path, tcp://host:port or ssh://user@host).`);
  }
}

/**
 * dockerode options for an endpoint. Every connection key is set (even to undefined) because docker-modem
 * otherwise fills the gaps from DOCKER_HOST, which would silently override the resolved endpoint.
 */
export function dockerOptionsFor(endpoint: Endpoint, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
  const blank: Docker.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    username: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  };
  const url = withScheme(endpoint.host);
  switch (url.protocol) {
    case 'unix:':
      return { ...blank, socketPath: decodeURIComponent(url.pathname) || '/var/run/docker.sock' };
    case 'npipe:':
      return { ...blank, socketPath: endpoint.host.slice('npipe://'.length).replace(/\//g, '\\') || '\\\\.\\pipe\\docker_engine' };
    case 'ssh:':
      return {
        ...blank,
        protocol: 'ssh',
        host: url.hostname,
        port: url.port || 22,
        username: decodeURIComponent(url.username) || undefined,
        sshOptions: endpoint.sshIdentity ? { privateKey: fs.readFileSync(endpoint.sshIdentity) } : { agent: env.SSH_AUTH_SOCK },
      };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = endpoint.tls;
      if (!tls && url.protocol !== 'https:') {
        return { ...blank, protocol: 'http', host: url.hostname, port: url.port || 2375 };
      }
      // docker-modem reads `agent` though dockerode's typings omit it.
      const options: Docker.DockerOptions & { agent?: https.Agent } = {
        ...blank,
        protocol: 'https',
        host: url.hostname,
        port: url.port || 2376,
        ca: readIfPresent(tls?.certDir, 'ca.pem'),
        cert: readIfPresent(tls?.certDir, 'cert.pem'),
        key: readIfPresent(tls?.certDir, 'key.pem'),
      };
      if (tls && !tls.verify) {
        // docker-modem has no switch for this; an agent of our own carries the choice to https.request, and keeps its
        // connections as Node's global agent does (a TLS handshake per request costs more than the list itself).
        options.agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false, ca: options.ca, cert: options.cert, key: options.key });
      }
      return options;
    }
    default:
      throw new Error(`Unsupported Docker Engine address "${endpoint.host}" (use unix://, tcp://, ssh:// or npipe://).`);
  }
}

/** dockerode options for an ssh engine reached over a kept connection: plain http over the tunnel's channels. */
export function sshTunnelOptions(tunnel: { agent: http.Agent }): Docker.DockerOptions {
  // docker-modem reads `agent` though dockerode's typings omit it; host and port only fill the request line.
  const options: Docker.DockerOptions & { agent: http.Agent } = {
    socketPath: undefined,
    protocol: 'http',
    host: 'localhost',
    port: 80,
    username: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
    agent: tunnel.agent,
  };
  return options;
}

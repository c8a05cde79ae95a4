import Docker from 'dockerode';
import { describeEngineError } from './errors';

export type EngineStatus =
  | { kind: 'connecting' }
  | { kind: 'connected'; version: string; apiVersion: string }
  | { kind: 'unreachable'; reason: string };

/** Owns the one dockerode client of the extension and reports whether the engine answers. */
export class EngineConnection {
  readonly docker: Docker;

  constructor(host: string) {
    this.docker = host ? new Docker(dockerOptionsFor(host)) : new Docker();
  }

  async probe(): Promise<EngineStatus> {
    try {
      const version = await this.docker.version();
      return { kind: 'connected', version: version.Version, apiVersion: version.ApiVersion };
    } catch (error) {
      return { kind: 'unreachable', reason: describeEngineError(error) };
    }
  }
}

function dockerOptionsFor(host: string): Docker.DockerOptions {
  const url = new URL(host);
  if (url.protocol === 'unix:') {
    return { socketPath: url.pathname };
  }
  return { host: url.hostname, port: url.port || 2375, protocol: url.protocol === 'https:' ? 'https' : 'http' };
}

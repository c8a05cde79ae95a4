import Docker from 'dockerode';
import type { Listener } from '../explorer/emitter';
import type { ExplorerModel } from '../explorer/model';
import { Backoff } from './backoff';
import { dockerOptionsFor, sshTunnelOptions } from './dockerOptions';
import { SshTunnel, sshConnectConfig } from './sshTunnel';
import { describeEndpoint, Endpoint, resolveEndpointFromProcess } from './endpoint';
import { watchAnswers } from './answerWatch';
import { classifyEngineError } from './errors';
import type { EngineEvent } from './events';
import { LiveEngine } from './liveEngine';
import { versionWithin } from './probes';
import { runtimeOf } from './runtime';

/**
 * One engine connection: resolves the endpoint, owns the dockerode client and the live sync of the model.
 * A connection that cannot even be configured (bad address, missing context) stays unreachable with the reason.
 */
export class EngineConnection {
  private readonly client: Docker | undefined;
  private readonly tunnel: SshTunnel | undefined;
  private readonly live: LiveEngine | undefined;
  readonly endpoint: Endpoint | undefined;
  private readonly probeBackoff = new Backoff(500, 5_000);
  private unwatch: (() => void) | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  /**
   * `host` is the `dockside.host` setting (resolved as Docker resolves it) or an endpoint already resolved (an
   * engine of the Engines view). `options` gives the dockerode options when the caller builds them (an ssh
   * engine over its kept connection).
   */
  constructor(
    host: string | Endpoint,
    private readonly model: ExplorerModel,
    onSyncError: (error: unknown) => void = (error) => console.warn('Dockside engine sync:', error),
    options?: (endpoint: Endpoint) => Docker.DockerOptions,
  ) {
    try {
      this.endpoint = typeof host === 'string' ? resolveEndpointFromProcess(host) : host;
      if (this.endpoint.host.startsWith('ssh://') && !options) {
        // One kept ssh connection for every request of this engine (see SshTunnel).
        this.tunnel = new SshTunnel(sshConnectConfig(this.endpoint.host, this.endpoint.sshIdentity));
        this.client = new Docker(sshTunnelOptions(this.tunnel));
      } else {
        this.client = new Docker((options ?? dockerOptionsFor)(this.endpoint));
      }
      this.live = new LiveEngine(this.client, model, {
        endpoint: describeEndpoint(this.endpoint),
        contextName: this.endpoint.contextName,
        onError: onSyncError,
      });
      // Any feature's request answered while the views think the engine is away: reconnect now.
      this.unwatch = watchAnswers(this.client, () => {
        if (this.model.state.kind !== 'connected') {
          this.wake();
        }
      });
    } catch (error) {
      const where = typeof host === 'string' ? host || 'default' : host.host;
      model.setState({ kind: 'unreachable', endpoint: where, problem: 'config', reason: classifyEngineError(error).reason });
    }
  }

  /** The client; throws a sentence for the user when the engine is not connected. */
  get docker(): Docker {
    const state = this.model.state;
    if (!this.client || state.kind === 'unreachable') {
      throw new Error(`Docker Engine unreachable: ${state.kind === 'unreachable' ? state.reason : 'not configured'}`);
    }
    return this.client;
  }

  /**
   * Checks the engine answers (sets the model state) without starting the event stream; while it does not,
   * probes again with backoff until it does or the live sync takes over.
   */
  async probe(): Promise<void> {
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    if (!this.client || !this.endpoint || this.disposed || this.live?.isStarted) {
      return;
    }
    try {
      const version = await versionWithin(this.client);
      if (!this.live?.isStarted) {
        this.model.setState({
          kind: 'connected',
          endpoint: describeEndpoint(this.endpoint),
          contextName: this.endpoint.contextName,
          version: version.Version,
          apiVersion: version.ApiVersion,
          runtime: runtimeOf(version),
        });
      }
    } catch (error) {
      if (!this.live?.isStarted && !this.disposed) {
        this.model.setState({ kind: 'unreachable', endpoint: describeEndpoint(this.endpoint), ...classifyEngineError(error) });
        this.probeTimer = setTimeout(() => void this.probe(), this.probeBackoff.next());
      }
    }
  }

  start(): Promise<void> {
    clearTimeout(this.probeTimer);
    return this.live?.start() ?? Promise.resolve();
  }

  retryNow(): Promise<void> {
    return this.live?.retryNow() ?? Promise.resolve();
  }

  /** A view was opened, or the engine answered another request: retry now instead of at the end of the backoff. */
  wake(): void {
    if (this.live?.isStarted) {
      this.live.wake();
    } else if (this.probeTimer) {
      this.probeBackoff.reset();
      void this.probe();
    }
  }

  refresh(): Promise<void> {
    return this.live?.refresh() ?? Promise.resolve();
  }

  onEvent(listener: Listener<EngineEvent>): { dispose(): void } {
    return this.live?.onEvent(listener) ?? { dispose: () => undefined };
  }

  dispose(): void {
    this.disposed = true;
    this.unwatch?.();
    clearTimeout(this.probeTimer);
    this.live?.dispose();
    this.tunnel?.dispose();
  }
}

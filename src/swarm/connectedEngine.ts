import type Docker from 'dockerode';
import { Emitter, Subscribe } from '../explorer/emitter';
import type { EngineEvent } from '../engine/events';
import type { ExplorerModel } from '../explorer/model';
import type { SwarmEngine, SwarmEngineSource } from './swarmEngines';

/**
 * The Swarm view's engines while Dockside has one connection: that engine, while it is connected. A source
 * listing several engines takes its place when Dockside connects to more than one.
 */
export class ConnectedEngineSource implements SwarmEngineSource {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: { dispose(): void };
  /** The client of the engine listed now (a reconnection makes a new one). */
  private connectedTo: Docker | undefined;

  constructor(
    private readonly model: ExplorerModel,
    private readonly docker: () => Docker,
    private readonly onEvent: Subscribe<EngineEvent>,
  ) {
    this.subscription = model.onDidChangeState((state) => {
      const connectedTo = state.kind === 'connected' ? this.docker() : undefined;
      if (connectedTo !== this.connectedTo) {
        this.connectedTo = connectedTo;
        this.changed.fire();
      }
    });
  }

  engines(): SwarmEngine[] {
    const state = this.model.state;
    if (state.kind !== 'connected') {
      return [];
    }
    return [{ key: state.endpoint, label: state.contextName || state.endpoint, docker: this.docker(), onEvent: this.onEvent, runtime: state.runtime }];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

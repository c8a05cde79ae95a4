import type Docker from 'dockerode';
import type { TaggedEngineEvent } from '../engine/eventHub';
import type { EngineRuntime } from '../engine/runtime';
import { PerEngine } from '../engines/perEngine';
import { Emitter, Subscribe } from '../explorer/emitter';
import type { EngineState } from '../explorer/model';
import type { SwarmEngine, SwarmEngineSource } from './swarmEngines';

/** A connected engine as the Swarm view needs it (an entry of the engine set). */
export interface SwarmCandidate {
  key: string;
  label: string;
  model: { readonly state: EngineState; onDidChangeState: Subscribe<EngineState> };
  connection: { readonly docker: Docker };
}

/**
 * The Swarm view's engines: every connected engine that answers, each with its own client and only its own
 * events (from the hub, by engine key). Fires when an engine connects, disconnects, or comes and goes.
 */
export class ConnectedEnginesSource implements SwarmEngineSource {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly states: PerEngine<SwarmCandidate>;
  private readonly subscription: { dispose(): void };
  /** What was listed last: engine key and client, so a change that lists the same engines fires nothing. */
  private listed = '';
  private readonly clients = new WeakMap<Docker, number>();
  private clientCount = 0;

  constructor(
    private readonly set: { list(): readonly SwarmCandidate[]; onDidChange: Subscribe<void> },
    private readonly eventsOf: (engineKey: string) => Subscribe<TaggedEngineEvent>,
  ) {
    this.states = new PerEngine(set, (engine) => engine.model.onDidChangeState(() => this.check()));
    this.subscription = set.onDidChange(() => this.check());
    this.listed = this.signature();
  }

  engines(): SwarmEngine[] {
    return this.answering().map(({ engine, docker, runtime }) => ({ key: engine.key, label: engine.label, docker, onEvent: this.eventsOf(engine.key), runtime }));
  }

  private answering(): Array<{ engine: SwarmCandidate; docker: Docker; runtime: EngineRuntime | undefined }> {
    return this.set.list().flatMap((engine) => {
      const state = engine.model.state;
      return state.kind === 'connected' ? [{ engine, docker: engine.connection.docker, runtime: state.runtime }] : [];
    });
  }

  /** The engines listed now and their clients (a reconnection to the same endpoint makes a new client). */
  private signature(): string {
    return this.answering()
      .map(({ engine, docker }) => `${engine.key}#${this.clientNumber(docker)}`)
      .join('\n');
  }

  private clientNumber(docker: Docker): number {
    let number = this.clients.get(docker);
    if (number === undefined) {
      number = ++this.clientCount;
      this.clients.set(docker, number);
    }
    return number;
  }

  private check(): void {
    const now = this.signature();
    if (now !== this.listed) {
      this.listed = now;
      this.changed.fire();
    }
  }

  dispose(): void {
    this.states.dispose();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

import type Docker from 'dockerode';
import type { EngineProblem } from '../engine/errors';
import type { EngineRuntime } from '../engine/runtime';
import { Emitter } from './emitter';
import { PendingActions } from './pending';
import { resourceKey, ResourceKind, ResourceTypes, VolumeResource } from './resources';
import { ResourceStore, StoreChange } from './store';

/** The engine as the views see it. */
export type EngineState =
  | { kind: 'connecting'; endpoint: string }
  | { kind: 'connected'; endpoint: string; contextName: string; version: string; apiVersion: string; runtime?: EngineRuntime }
  | { kind: 'unreachable'; endpoint: string; problem: EngineProblem; reason: string };

export interface ModelChange {
  resource: ResourceKind;
  change: StoreChange;
}

/**
 * The explorer's tree model: the engine's resources by kind and the engine's state. Pure data with change
 * events; no VS Code, no engine I/O (the sync layer fills it).
 */
export class ExplorerModel {
  readonly containers = new ResourceStore<Docker.ContainerInfo>((item) => resourceKey('container', item));
  readonly images = new ResourceStore<Docker.ImageInfo>((item) => resourceKey('image', item));
  readonly volumes = new ResourceStore<VolumeResource>((item) => resourceKey('volume', item));
  readonly networks = new ResourceStore<Docker.NetworkInspectInfo>((item) => resourceKey('network', item));
  /** Container actions under way ("Stopping…" by id); the Containers view shows them on the rows. */
  readonly pending = new PendingActions();

  private readonly stateChanged = new Emitter<EngineState>();
  private readonly resourcesChanged = new Emitter<ModelChange>();
  readonly onDidChangeState = this.stateChanged.event;
  /** Fires after any store changes, naming the kind. */
  readonly onDidChangeResources = this.resourcesChanged.event;
  private current: EngineState = { kind: 'connecting', endpoint: '' };
  private sizes: ReadonlyMap<string, number> = new Map();

  constructor() {
    for (const kind of ['container', 'image', 'volume', 'network'] as const) {
      this.store(kind).onDidChange((change) => this.resourcesChanged.fire({ resource: kind, change }));
    }
    this.pending.onDidChange((ids) => this.resourcesChanged.fire({ resource: 'container', change: { kind: 'patch', upserted: ids, removed: [] } }));
  }

  store<K extends ResourceKind>(kind: K): ResourceStore<ResourceTypes[K]> {
    const stores = { container: this.containers, image: this.images, volume: this.volumes, network: this.networks };
    return stores[kind] as unknown as ResourceStore<ResourceTypes[K]>;
  }

  /** Volume sizes by name, from the engine's disk-usage endpoint (absent until it answered). */
  get volumeSizes(): ReadonlyMap<string, number> {
    return this.sizes;
  }

  setVolumeSizes(sizes: ReadonlyMap<string, number>): void {
    this.sizes = sizes;
    this.resourcesChanged.fire({ resource: 'volume', change: { kind: 'reset' } });
  }

  get state(): EngineState {
    return this.current;
  }

  setState(state: EngineState): void {
    const before = this.current;
    this.current = state;
    if (JSON.stringify(before) !== JSON.stringify(state)) {
      this.stateChanged.fire(state);
    }
  }

  dispose(): void {
    for (const kind of ['container', 'image', 'volume', 'network'] as const) {
      this.store(kind).dispose();
    }
    this.pending.dispose();
    this.stateChanged.dispose();
    this.resourcesChanged.dispose();
  }
}

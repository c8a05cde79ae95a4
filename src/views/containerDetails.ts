import type Docker from 'dockerode';
import type * as vscode from 'vscode';
import type { ExplorerNode } from '../explorer/nodes';
import { containerHealth } from '../explorer/present/containers';
import type { EngineHealth } from '../health/healthLog';
import { healthNode } from '../health/healthNodes';
import { portsNode } from '../ports/portNodes';
import type { LazyChildren } from './explorerTreeProvider';

/** Where the rows under a container read from: the model's list data, the engine's inspect answer. */
export interface ContainerDetailSources {
  /** The container as the model of the node's engine lists it (ports, status); undefined when not listed. */
  listed(node: ExplorerNode): Docker.ContainerInfo | undefined;
  /** `State.Health` of the container's inspect answer. */
  health(node: ExplorerNode): Promise<EngineHealth | undefined>;
}

/**
 * The rows under a container, in this order: "Health" (with a health check: state, failing streak and last
 * probes, read from the inspect answer when the container is expanded), "Ports" (its published ports, from the
 * list data), then "Files" and whatever else `files` loads. Drops go to `files`.
 */
export class ContainerDetails implements LazyChildren, vscode.TreeDragAndDropController<ExplorerNode> {
  readonly dropMimeTypes: readonly string[];
  readonly dragMimeTypes: readonly string[];
  /** Containers (by id) whose Health row was last built: their probes are worth re-reading when one runs. */
  private readonly healthShown = new Set<string>();

  constructor(
    private readonly files: LazyChildren & vscode.TreeDragAndDropController<ExplorerNode>,
    private readonly sources: ContainerDetailSources,
  ) {
    this.dropMimeTypes = files.dropMimeTypes;
    this.dragMimeTypes = files.dragMimeTypes;
  }

  expands(node: ExplorerNode): boolean {
    return node.kind === 'container' || this.files.expands(node);
  }

  async children(node: ExplorerNode): Promise<ExplorerNode[]> {
    if (node.kind !== 'container') {
      return this.files.children(node);
    }
    const listed = this.sources.listed(node);
    const state = listed ? containerHealth(listed) : undefined;
    const [health, files] = await Promise.all([
      state
        ? this.sources.health(node).then(
            (value) => healthNode(node, state, value),
            (error: unknown) => healthNode(node, state, undefined, error instanceof Error ? error.message : String(error)),
          )
        : undefined,
      this.files.children(node),
    ]);
    if (health) this.healthShown.add(node.id);
    else this.healthShown.delete(node.id);
    const ports = portsNode(node, listed?.Ports);
    return [health, ports, ...files].filter((row): row is ExplorerNode => row !== undefined);
  }

  /** Whether the container's Health row was shown (its probes are worth re-reading when one has run). */
  showsHealth(id: string): boolean {
    return this.healthShown.has(id);
  }

  handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): void | Thenable<void> {
    return this.files.handleDrop?.(target, dataTransfer, token);
  }
}

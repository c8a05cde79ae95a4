/**
 * The Registries view's model, without VS Code: registries → repositories → tags → a tag's details.
 * Children load lazily, one page at a time; a "more…" node loads the next page and appends it; collapsing a
 * node cancels what it is loading. Failures become one message node, never an exception to the view.
 */
import { Emitter } from '../../explorer/emitter';
import { formatBytes } from '../../explorer/present/format';
import type { RegistryEntry } from './registryEntries';
import type { RegistrySource, TagDetails } from './registrySource';

export type RegistryNode =
  | { kind: 'registry'; id: string; entry: RegistryEntry }
  | { kind: 'repository'; id: string; entry: RegistryEntry; repository: string }
  | { kind: 'tag'; id: string; entry: RegistryEntry; repository: string; tag: string; details?: TagDetails }
  | { kind: 'detail'; id: string; label: string; description: string; copy?: string }
  | { kind: 'more'; id: string; parentId: string; loaded: number }
  | { kind: 'message'; id: string; text: string; problem: boolean };

type Parent = Extract<RegistryNode, { kind: 'registry' | 'repository' | 'tag' }>;

interface Listing {
  items: RegistryNode[];
  next?: string;
  error?: string;
  loading?: Promise<void>;
}

export class RegistryTreeModel {
  private readonly listings = new Map<string, Listing>();
  private readonly parents = new Map<string, Parent>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly changed = new Emitter<RegistryNode | undefined>();
  /** Fires with the node whose children changed (undefined: the roots). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly listEntries: () => Promise<RegistryEntry[]>,
    private readonly sourceFor: (entry: RegistryEntry) => Promise<RegistrySource>,
  ) {}

  async roots(): Promise<RegistryNode[]> {
    try {
      return (await this.listEntries()).map((entry) => this.remember({ kind: 'registry', id: `registry:${entry.id}`, entry }));
    } catch (error) {
      return [{ kind: 'message', id: 'roots:error', text: messageOf(error), problem: true }];
    }
  }

  /** The node's children: the pages loaded so far (the first one is loaded now), and "more…" when there are more. */
  async children(node: RegistryNode): Promise<RegistryNode[]> {
    if (node.kind !== 'registry' && node.kind !== 'repository' && node.kind !== 'tag') return [];
    this.remember(node);
    let listing = this.listings.get(node.id);
    if (!listing) {
      listing = { items: [] };
      this.listings.set(node.id, listing);
      listing.loading = this.loadPage(node, listing);
    }
    await listing.loading;
    return this.present(node, listing);
  }

  /** Loads the next page of the parent of a "more…" node; resolves once the view was told. */
  async loadMore(more: Extract<RegistryNode, { kind: 'more' }>): Promise<void> {
    const parent = this.parents.get(more.parentId);
    const listing = this.listings.get(more.parentId);
    if (!parent || !listing || !listing.next) return;
    if (!listing.loading) listing.loading = this.loadPage(parent, listing);
    await listing.loading;
    this.changed.fire(parent);
  }

  /** The view collapsed `node`: stop what it is loading (a later expansion starts again). */
  collapse(node: RegistryNode): void {
    const controller = this.controllers.get(node.id);
    if (controller) {
      controller.abort();
      this.controllers.delete(node.id);
    }
  }

  /** Forgets what was loaded below `node` (or everything) and tells the view. */
  refresh(node?: RegistryNode): void {
    if (!node) {
      this.controllers.forEach((controller) => controller.abort());
      this.controllers.clear();
      this.listings.clear();
      this.parents.clear();
    } else {
      for (const id of [...this.listings.keys()]) {
        if (id === node.id || id.startsWith(`${node.id}/`)) {
          this.collapse({ kind: 'message', id, text: '', problem: false });
          this.listings.delete(id);
        }
      }
    }
    this.changed.fire(node);
  }

  /** Every loaded tag node of a repository (for tests and the bench: what the view would show). */
  loaded(node: RegistryNode): RegistryNode[] {
    const listing = this.listings.get(node.id);
    return listing ? this.present(node as Parent, listing) : [];
  }

  async source(entry: RegistryEntry): Promise<RegistrySource> {
    return this.sourceFor(entry);
  }

  dispose(): void {
    this.controllers.forEach((controller) => controller.abort());
    this.changed.dispose();
  }

  private remember<T extends RegistryNode>(node: T): T {
    if (node.kind === 'registry' || node.kind === 'repository' || node.kind === 'tag') this.parents.set(node.id, node);
    return node;
  }

  private present(node: Parent, listing: Listing): RegistryNode[] {
    const items = [...listing.items];
    if (listing.error) items.push({ kind: 'message', id: `${node.id}/error`, text: listing.error, problem: true });
    else if (listing.next) items.push({ kind: 'more', id: `${node.id}/more:${listing.items.length}`, parentId: node.id, loaded: listing.items.length });
    else if (items.length === 0) items.push({ kind: 'message', id: `${node.id}/empty`, text: emptyText(node), problem: false });
    return items;
  }

  private async loadPage(node: Parent, listing: Listing): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(node.id, controller);
    try {
      listing.error = undefined;
      const source = await this.sourceFor(node.entry);
      if (node.kind === 'tag') {
        const details = await source.tagDetails(node.repository, node.tag, controller.signal);
        node.details = details;
        listing.items = detailNodes(node, details);
        return;
      }
      const page =
        node.kind === 'registry' ? await source.repositories(listing.next, controller.signal) : await source.tags(node.repository, listing.next, controller.signal);
      listing.items.push(
        ...page.items.map((name): RegistryNode =>
          node.kind === 'registry'
            ? this.remember({ kind: 'repository', id: `${node.id}/${name}`, entry: node.entry, repository: name })
            : this.remember({ kind: 'tag', id: `${node.id}:${name}`, entry: node.entry, repository: node.repository, tag: name }),
        ),
      );
      listing.next = page.next;
    } catch (error) {
      if (controller.signal.aborted) {
        // Collapsed while loading: the next expansion loads the page again.
        this.listings.delete(node.id);
        listing.error = 'Loading was cancelled.';
      } else {
        listing.error = messageOf(error);
      }
    } finally {
      listing.loading = undefined;
      if (this.controllers.get(node.id) === controller) this.controllers.delete(node.id);
    }
  }
}

function emptyText(node: Parent): string {
  return node.kind === 'registry' ? 'No repositories.' : node.kind === 'repository' ? 'No tags.' : 'No details.';
}

/** The lines under a tag: digest, size, creation time, platforms. */
export function detailNodes(node: Extract<RegistryNode, { kind: 'tag' }>, details: TagDetails): RegistryNode[] {
  const lines: RegistryNode[] = [
    { kind: 'detail', id: `${node.id}/digest`, label: 'Digest', description: details.digest, copy: details.digest },
    { kind: 'detail', id: `${node.id}/size`, label: 'Size', description: formatBytes(details.size) },
  ];
  if (details.created) lines.push({ kind: 'detail', id: `${node.id}/created`, label: 'Created', description: details.created });
  for (const platform of details.platforms) {
    lines.push({ kind: 'detail', id: `${node.id}/platform:${platform.digest}`, label: platform.platform, description: `${formatBytes(platform.size)}  ${platform.digest}`, copy: platform.digest });
  }
  return lines;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

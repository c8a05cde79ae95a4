/**
 * The Registries view (`dockside.registries`): wires the pure tree model to VS Code. Entries come from the
 * `dockside.registries` setting and the Docker logins; each registry gets one source (V2 client or Docker
 * Hub's listing API) with its credentials and CA, kept until a refresh so tokens are reused.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { readMachineSetting } from '../config';
import { RegistryEntry, RegistrySetting, registryEntries } from '../registry/browse/registryEntries';
import { presentRegistryNode } from '../registry/browse/registryPresenter';
import type { RegistrySource } from '../registry/browse/registrySource';
import { RegistryNode, RegistryTreeModel } from '../registry/browse/registryTree';
import { V2Source } from '../registry/browse/v2Source';
import type { DockerCredentials } from '../registry/credentials/dockerCredentials';
import { HubSource } from '../registry/hub/hubSource';

import { registriesViewId } from './viewIds';

export class RegistriesView implements vscode.TreeDataProvider<RegistryNode>, vscode.Disposable {
  readonly model: RegistryTreeModel;
  readonly treeView: vscode.TreeView<RegistryNode>;
  private readonly changed = new vscode.EventEmitter<RegistryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sources = new Map<string, Promise<RegistrySource>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly credentials: () => DockerCredentials) {
    this.model = new RegistryTreeModel(
      () => this.entries(),
      (entry) => this.sourceFor(entry),
    );
    this.treeView = vscode.window.createTreeView(registriesViewId, { treeDataProvider: this, showCollapseAll: true });
    const subscription = this.model.onDidChange((node) => this.changed.fire(node));
    this.disposables.push(
      this.treeView,
      this.changed,
      { dispose: () => subscription.dispose() },
      this.treeView.onDidCollapseElement((event) => this.model.collapse(event.element)),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('dockside.registries') && this.refresh()),
    );
  }

  /** The setting's entries and the logged-in registries. */
  async entries(): Promise<RegistryEntry[]> {
    const settings = readMachineSetting<RegistrySetting[]>('dockside', 'registries', []);
    const loggedIn = await this.credentials().registries();
    return registryEntries(Array.isArray(settings) ? settings : [], loggedIn);
  }

  /** The entry a command names by id (from a node, or picked). */
  async entry(id: string): Promise<RegistryEntry | undefined> {
    return (await this.entries()).find((entry) => entry.id === id);
  }

  sourceFor(entry: RegistryEntry): Promise<RegistrySource> {
    let source = this.sources.get(entry.id);
    if (!source) {
      source = this.createSource(entry);
      this.sources.set(entry.id, source);
      source.catch(() => this.sources.delete(entry.id));
    }
    return source;
  }

  private async createSource(entry: RegistryEntry): Promise<RegistrySource> {
    const login = await this.credentials().get(entry.credentialKey);
    if (entry.kind === 'hub') {
      return new HubSource(entry.namespace ?? login?.username ?? 'library', login);
    }
    let ca: string | undefined;
    if (entry.caFile) {
      try {
        ca = await fs.readFile(entry.caFile, 'utf8');
      } catch (error) {
        throw new Error(`The CA file ${entry.caFile} of ${entry.label} cannot be read: ${(error as Error).message}`);
      }
    }
    return new V2Source({ baseUrl: entry.baseUrl ?? `https://${entry.credentialKey}`, ca, login });
  }

  /** The `dockside:` document target of a tag's manifest. */
  static manifestTarget(node: Extract<RegistryNode, { kind: 'tag' }>): { what: 'manifest'; id: string; name: string } {
    return { what: 'manifest', id: JSON.stringify([node.entry.id, node.repository, node.tag]), name: `${node.repository}:${node.tag}` };
  }

  /** The manifest named by a target id, with its reference, digest and media type, as JSON text. */
  async manifestDocument(id: string): Promise<string> {
    const [entryId, repository, reference] = JSON.parse(id) as [string, string, string];
    const entry = await this.entry(entryId);
    if (!entry) throw new Error(`${entryId} is no longer in the Registries view.`);
    const source = await this.sourceFor(entry);
    const manifest = await source.manifestText(repository, reference, new AbortController().signal);
    const document = { reference: `${entry.referencePrefix}${repository}:${reference}`, digest: manifest.digest, mediaType: manifest.mediaType, manifest: JSON.parse(manifest.text) as unknown };
    return JSON.stringify(document, null, 2);
  }

  /** Forgets sources (credentials may have changed) and listings, and re-reads. */
  refresh(node?: RegistryNode): void {
    if (!node) this.sources.clear();
    this.model.refresh(node);
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    const shown = presentRegistryNode(node);
    const item = new vscode.TreeItem(shown.label, shown.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = shown.description;
    item.tooltip = shown.tooltip;
    item.contextValue = shown.contextValue;
    item.iconPath = new vscode.ThemeIcon(shown.icon);
    if (shown.command) item.command = { ...shown.command, arguments: [node] };
    return item;
  }

  getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    return node ? this.model.children(node) : this.model.roots();
  }

  dispose(): void {
    this.model.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

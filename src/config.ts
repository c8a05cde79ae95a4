import * as vscode from 'vscode';
import { ContainerGrouping, containerGroupings, ContainerSort, containerSorts } from './explorer/present/containers';
import type { ViewSettings } from './explorer/views';
import { machineValue } from './settingScope';

/**
 * A machine-scoped setting (`dockside.<section>.<key>`): the user's or remote machine's value, else the default;
 * never a workspace's (see settingScope.ts).
 */
export function readMachineSetting<T>(section: string, key: string, fallback: T): T {
  return machineValue(vscode.workspace.getConfiguration(section).inspect<T>(key), fallback);
}

/** Typed access to the `dockside.*` settings, with one change event for the whole section. */
export class DocksideConfig implements vscode.Disposable {
  static readonly section = 'dockside';

  private readonly changed = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  private readonly subscription: vscode.Disposable;

  /** Fires when any `dockside.*` setting changes. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(DocksideConfig.section)) {
        this.changed.fire(event);
      }
    });
  }

  private get settings(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(DocksideConfig.section);
  }

  /** Engine endpoint chosen by the user (machine scope); empty means "as Docker itself resolves it". */
  get host(): string {
    return readMachineSetting<string>(DocksideConfig.section, 'host', '').trim();
  }

  /** The `dockside.engines` setting's entries (machine scope), as written: the Engines view checks each. */
  get engines(): readonly unknown[] {
    const value = readMachineSetting<unknown>(DocksideConfig.section, 'engines', []);
    return Array.isArray(value) ? value : [];
  }

  get containersGroupBy(): ContainerGrouping {
    const value = this.settings.get<string>('containers.groupBy', 'composeProject');
    return (containerGroupings as readonly string[]).includes(value) ? (value as ContainerGrouping) : 'composeProject';
  }

  get containersSortBy(): ContainerSort {
    const value = this.settings.get<string>('containers.sortBy', 'name');
    return (containerSorts as readonly string[]).includes(value) ? (value as ContainerSort) : 'name';
  }

  get imagesShowDangling(): boolean {
    return this.settings.get<boolean>('images.showDangling', false);
  }

  get networksShowBuiltIn(): boolean {
    return this.settings.get<boolean>('networks.showBuiltIn', false);
  }

  /** Largest file opened or saved from a container, in bytes (`dockside.files.maxSize`). */
  get filesMaxSize(): number {
    const value = this.settings.get<number>('files.maxSize', 52_428_800);
    return typeof value === 'number' && value >= 0 ? value : 52_428_800;
  }

  /** CPU and memory in running containers' rows (`dockside.containers.showStats`, off by default). */
  get containersShowStats(): boolean {
    return this.settings.get<boolean>('containers.showStats', false);
  }

  /** How much history the stats charts keep, in seconds (`dockside.stats.window`, 30 s to 1 h). */
  get statsWindowSeconds(): number {
    const value = this.settings.get<number>('stats.window', 300);
    return Number.isFinite(value) ? Math.min(3600, Math.max(30, value)) : 300;
  }

  /** The explorer's view settings in one object, as the pure tree model takes them. */
  get viewSettings(): ViewSettings {
    return {
      groupBy: this.containersGroupBy,
      sortBy: this.containersSortBy,
      showDangling: this.imagesShowDangling,
      showBuiltInNetworks: this.networksShowBuiltIn,
    };
  }

  /** Writes a user (global) setting. */
  update(key: string, value: unknown): Thenable<void> {
    return this.settings.update(key, value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

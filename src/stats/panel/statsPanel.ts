import type Docker from 'dockerode';
import * as vscode from 'vscode';
import type { ExplorerModel } from '../../explorer/model';
import { statsRow, sumPoint } from '../aggregate';
import { StatsHistory } from '../history';
import type { HostMessage, WebviewMessage } from '../protocol';
import { emptyScopeText, scopeContainers, scopeKey, StatsScope, scopeTitle } from '../scope';
import { StatsReadings } from '../statsReadings';
import { engineStatsStream } from '../statsStream';
import { statsPageHtml } from './statsPage';

export interface StatsPanelContext {
  extensionUri: vscode.Uri;
  docker: () => Docker;
  model: ExplorerModel;
  windowSeconds: () => number;
}

const tickMs = 1000;

/**
 * One stats panel (a webview) for a scope. While it is visible it streams `/containers/{id}/stats` for each
 * running container of the scope and sends the page a point a second; hidden, every stream is closed and the
 * timer stopped (the history keeps what was seen; a gap shows for the hidden time). Closing disposes it all.
 */
export class StatsPanel implements vscode.Disposable {
  private static readonly open = new Map<string, StatsPanel>();

  static show(context: StatsPanelContext, scope: StatsScope): StatsPanel {
    const key = scopeKey(scope);
    const existing = StatsPanel.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const distUri = vscode.Uri.joinPath(context.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel('dockside.stats', scopeTitle(scope), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [distUri],
    });
    const created = new StatsPanel(panel, context, scope, distUri);
    StatsPanel.open.set(key, created);
    return created;
  }

  /** The panels open now (an extension-host test reads them). */
  static get panels(): readonly StatsPanel[] {
    return [...StatsPanel.open.values()];
  }

  readonly history: StatsHistory;
  readonly readings: StatsReadings;
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: StatsPanelContext,
    readonly scope: StatsScope,
    distUri: vscode.Uri,
  ) {
    this.history = new StatsHistory(context.windowSeconds());
    // Each stream asks for the current engine client, so streams opened after a reconnection use the new one.
    this.readings = new StatsReadings((id, onSample, onEnd) => engineStatsStream(context.docker())(id, onSample, onEnd));
    panel.webview.html = statsPageHtml(panel.webview, distUri, scopeTitle(scope));
    this.subscriptions.push(
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => this.followVisibility()),
      panel.webview.onDidReceiveMessage((message: WebviewMessage) => {
        if (message.type === 'ready') {
          // The page (re)loaded: it has nothing; send what was seen so far.
          this.ready = true;
          this.post({ type: 'init', title: scopeTitle(this.scope), windowSeconds: this.history.window, history: this.history.all(), rows: this.rows() });
        }
      }),
    );
    this.followVisibility();
  }

  /** Whether streams are open (the panel is visible). */
  get streaming(): boolean {
    return this.timer !== undefined;
  }

  private followVisibility(): void {
    if (this.disposed) return;
    if (this.panel.visible) {
      if (!this.timer) {
        this.timer = setInterval(() => this.tick(), tickMs);
        this.watch();
      }
    } else {
      clearInterval(this.timer);
      this.timer = undefined;
      this.readings.closeAll();
    }
  }

  private watch(): number {
    const containers = scopeContainers(this.scope, this.context.model.containers.values());
    this.readings.watch(containers);
    return containers.length;
  }

  private rows() {
    return this.readings.readings().map(statsRow);
  }

  private tick(): void {
    this.history.setWindow(this.context.windowSeconds());
    if (this.watch() === 0) {
      this.post({ type: 'notice', text: emptyScopeText(this.scope) });
    }
    const readings = this.readings.readings();
    if (readings.length === 0) return;
    const point = sumPoint(readings, Date.now());
    this.history.push(point);
    this.post({ type: 'tick', point, rows: readings.map(statsRow) });
  }

  private post(message: HostMessage): void {
    if (this.ready && this.panel.visible) {
      void this.panel.webview.postMessage(message);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.readings.dispose();
    StatsPanel.open.delete(scopeKey(this.scope));
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.panel.dispose();
  }

  static disposeAll(): void {
    for (const panel of [...StatsPanel.open.values()]) panel.dispose();
  }
}

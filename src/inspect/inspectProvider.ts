import type Docker from 'dockerode';
import * as vscode from 'vscode';
import { EngineList, PerEngine } from '../engines/perEngine';
import type { ModelChange } from '../explorer/model';
import type { Subscribe } from '../explorer/emitter';
import { actionFailureMessage } from '../engine/errors';
import { formatHistory, HistoryLayer } from './imageHistory';
import { changeConcerns, InspectTarget, inspectPath, inspectScheme, parseInspectPath } from './inspectUri';

/** A connected engine as the documents follow it: its key, whether it is the current one, its model's changes. */
export interface DocumentEngine {
  key: string;
  primary: boolean;
  model: { onDidChangeResources: Subscribe<ModelChange> };
}

/**
 * Read-only `dockside:` documents with a resource's inspect JSON (or an image's history). An open document
 * re-reads when its own engine's model reports a change to its resource, whichever engine that is.
 */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly open = new Map<string, { uri: vscode.Uri; target: InspectTarget }>();
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(
    private readonly docker: (engine?: string) => Docker,
    engines: EngineList<DocumentEngine>,
    /** A registry manifest's JSON by the id of its `manifest` target. */
    private readonly readManifest: (id: string) => Promise<string> = async () => 'No registry manifests here.',
    /** An engine's declaration and facts, by Engines view row id. */
    private readonly engineDocument: (rowId: string) => Promise<unknown> = () => Promise.reject(new Error('No engine documents.')),
  ) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(inspectScheme, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.open.delete(document.uri.toString())),
      new PerEngine(engines, (engine) =>
        engine.model.onDidChangeResources((change) => {
          const origin = { engine: engine.key, primary: engine.primary };
          for (const { uri, target } of this.open.values()) {
            if (changeConcerns(target, change, origin)) {
              this.changed.fire(uri);
            }
          }
        }),
      ),
    );
  }

  async show(target: InspectTarget): Promise<void> {
    const { path, query } = inspectPath(target);
    const uri = vscode.Uri.from({ scheme: inspectScheme, path, query });
    const document = await vscode.workspace.openTextDocument(uri);
    // The `.json` path gives the document the JSON language.
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const target = parseInspectPath(uri.path, uri.query);
    if (!target) {
      return `Not a Dockside document: ${uri.toString()}`;
    }
    this.open.set(uri.toString(), { uri, target });
    try {
      return await this.read(target);
    } catch (error) {
      if (target.what === 'manifest') {
        return `// Could not read the manifest of ${target.name}: ${error instanceof Error ? error.message : String(error)}\n`;
      }
      if (target.what === 'engine') {
        return `// Engine "${target.name}" could not be inspected: ${(error as Error).message}\n`;
      }
      return `// ${actionFailureMessage('inspect', target.what === 'history' ? 'image' : target.what, target.name, error)}\n`;
    }
  }

  private async read(target: InspectTarget): Promise<string> {
    if (target.what === 'manifest') {
      return this.readManifest(target.id);
    }
    if (target.what === 'engine') {
      return JSON.stringify(await this.engineDocument(target.id), null, 2);
    }
    const docker = this.docker(target.engine);
    switch (target.what) {
      case 'container':
        return JSON.stringify(await docker.getContainer(target.id).inspect(), null, 2);
      case 'image':
        return JSON.stringify(await docker.getImage(target.id).inspect(), null, 2);
      case 'volume':
        return JSON.stringify(await docker.getVolume(target.id).inspect(), null, 2);
      case 'network':
        return JSON.stringify(await docker.getNetwork(target.id).inspect(), null, 2);
      case 'history':
        return formatHistory(target.name, (await docker.getImage(target.id).history()) as HistoryLayer[]);
      case 'service':
        return JSON.stringify(await docker.getService(target.id).inspect(), null, 2);
      case 'node':
        return JSON.stringify(await docker.getNode(target.id).inspect(), null, 2);
      case 'task':
        return JSON.stringify(await docker.getTask(target.id).inspect(), null, 2);
      case 'secret':
        return JSON.stringify(await docker.getSecret(target.id).inspect(), null, 2);
      case 'config':
        return JSON.stringify(await docker.getConfig(target.id).inspect(), null, 2);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    this.changed.dispose();
  }
}

import * as vscode from 'vscode';
import { BuildMemory } from '../build/buildMemory';
import { BuildSessions } from '../build/buildSessions';
import { TerminalSlots } from '../terminal/terminalSlots';
import { RunMemory } from '../run/runMemory';

/**
 * Long-lived state of the build/run/logs/exec commands, owned by the extension root: the memories of the
 * last build and run choices (workspace state) and the build diagnostics (a collection of their own).
 */
export class WorkflowState implements vscode.Disposable {
  readonly buildMemory: BuildMemory;
  readonly runMemory: RunMemory;
  readonly buildDiagnostics = vscode.languages.createDiagnosticCollection('dockside-build');
  /** The builds of each Dockerfile, so a failure's notification knows when a later build superseded it. */
  readonly buildSessions = new BuildSessions();
  /** One build terminal per Dockerfile, reused by its next build. */
  readonly buildTerminals = new TerminalSlots('tools');

  constructor(context: vscode.ExtensionContext) {
    this.buildMemory = new BuildMemory(context.workspaceState);
    this.runMemory = new RunMemory(context.workspaceState);
  }

  dispose(): void {
    this.buildDiagnostics.dispose();
    this.buildTerminals.dispose();
  }
}

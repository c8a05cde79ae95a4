import * as vscode from 'vscode';
import { ComposeCli, findComposeCli } from '../../compose/cli';
import { composeEnvironment } from '../../compose/environment';
import { failureLocations, lastLines } from '../../compose/failureLocation';
import { composeCommandLine, displayCommandLine } from '../../compose/invocation';
import { processProbe, runComposeCommand, RunResult } from '../../compose/runner';
import type { Endpoint } from '../../engine/endpoint';
import { ansi } from '../../terminal/pty';
import { TerminalSlots } from '../../terminal/terminalSlots';
import type { ComposeTarget } from './composeTarget';

/**
 * Long-lived state of the Compose commands: the Compose CLI found (looked for again after a failure to find
 * it), one output terminal per project, and the diagnostics a failed run puts on the file line Compose names
 * (cleared for the project's files by its next successful run).
 */
export class ComposeSession implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dockside-compose');
  private readonly terminals = new TerminalSlots('layers');
  private cli: Promise<ComposeCli> | undefined;

  /**
   * @param endpoint the engine Dockside is connected to, which Compose is run against.
   * @param afterRun called when a run ends (the language server's view of the containers is refreshed).
   */
  constructor(
    private readonly endpoint: () => Endpoint | undefined,
    private readonly afterRun: () => void = () => undefined,
  ) {}

  environment(): NodeJS.ProcessEnv {
    return composeEnvironment(process.env, this.endpoint());
  }

  /** The Compose CLI; rejects with how to install Compose when there is none. */
  findCli(): Promise<ComposeCli> {
    this.cli ??= findComposeCli(processProbe(this.environment()));
    const found = this.cli;
    found.catch(() => {
      if (this.cli === found) this.cli = undefined;
    });
    return found;
  }

  /** Runs a Compose subcommand quietly and returns its output (`config --services`); rejects with the CLI's message. */
  async capture(target: ComposeTarget, args: readonly string[]): Promise<string> {
    const cli = await this.findCli();
    const line = composeCommandLine(cli, target.invocation, args);
    let stdout = '';
    const result = await runComposeCommand(line, { env: this.environment(), onOutput: (text) => (stdout += text) });
    if (result.exitCode !== 0) {
      throw new Error(result.startError ?? (lastLines(result.output) || `${displayCommandLine(line)} ended with exit code ${String(result.exitCode)}`));
    }
    return stdout;
  }

  /**
   * Runs a Compose subcommand in the project's terminal: the command line first, the output as it comes, and the
   * end: success, or the CLI's exit code and message (with a diagnostic where Compose names a file line).
   */
  async run(target: ComposeTarget, verb: string, args: readonly string[]): Promise<RunResult> {
    const cli = await this.findCli();
    const line = composeCommandLine(cli, target.invocation, args);
    const { core } = this.terminals.open(target.project, `Compose: ${target.project}`, `${verb} ${target.project}`);
    core.append(`${ansi.dim(`> ${displayCommandLine(line)}`)}\n`);
    const result = await runComposeCommand(line, { env: this.environment(), onOutput: (text) => core.append(text), signal: core.signal });
    this.showDiagnostics(target, result);
    this.afterRun();
    if (result.startError !== undefined) {
      // The CLI found before is gone (uninstalled, PATH changed): look for it again next time.
      this.cli = undefined;
    }
    if (result.cancelled) {
      core.end(ansi.dim(`── ${verb} cancelled ──`));
    } else if (result.exitCode === 0) {
      core.end(ansi.dim(`── ${verb} done · press any key to close ──`));
    } else {
      const why = result.startError ?? `exit code ${String(result.exitCode)}`;
      core.end(ansi.red(`── ${verb} failed (${why}) ──`));
      const message = lastLines(result.output);
      void vscode.window.showErrorMessage(`Compose ${verb.toLowerCase()} of "${target.project}" failed (${why})${message ? `: ${message}` : '.'}`);
    }
    return result;
  }

  private showDiagnostics(target: ComposeTarget, result: RunResult): void {
    for (const file of target.invocation.files) {
      this.diagnostics.delete(vscode.Uri.file(file));
    }
    if (result.exitCode === 0 || result.cancelled) {
      return;
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const location of failureLocations(result.output, target.invocation.cwd, target.invocation.files[0])) {
      const position = new vscode.Position(location.line, location.column);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position.translate(0, 1)), location.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'docker compose';
      byFile.set(location.file, [...(byFile.get(location.file) ?? []), diagnostic]);
    }
    for (const [file, diagnostics] of byFile) {
      this.diagnostics.set(vscode.Uri.file(file), diagnostics);
    }
  }

  dispose(): void {
    this.diagnostics.dispose();
    this.terminals.dispose();
  }
}

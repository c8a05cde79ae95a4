import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { locateBuildFailure } from '../../build/buildDiagnostic';
import type { BuildChoices } from '../../build/buildMemory';
import { describeStep, stepLabel } from '../../build/buildOutput';
import { runBuild } from '../../build/buildRunner';
import { openTerminal } from '../../terminal/openTerminal';
import { OutputTerminal } from '../../terminal/outputTerminal';
import { ProgressBar } from '../progressBar';
import { buildSettings } from './buildSettings';

/**
 * Runs a build with its output in a terminal and its current step in a cancellable notification. A failed
 * step becomes a diagnostic on its Dockerfile line; a successful build clears the Dockerfile's diagnostics.
 * Cancelling the notification or closing the terminal aborts the build in the engine.
 */
export async function executeBuild(dockside: Dockside, choices: BuildChoices): Promise<void> {
  const docker = dockside.docker;
  const diagnostics = dockside.workflows.buildDiagnostics;
  const dockerfileUri = vscode.Uri.file(choices.dockerfile);
  // The text that is built is the one the failing step is mapped onto.
  const dockerfileText = fs.readFileSync(choices.dockerfile, 'utf8');
  const name = choices.tags[0] ?? path.basename(path.dirname(choices.dockerfile));
  const terminal = new OutputTerminal();
  openTerminal(`Build: ${name}`, terminal, 'tools');
  terminal.append(`Building ${path.basename(choices.dockerfile)} in ${choices.contextDir}${choices.target ? ` (target ${choices.target})` : ''}\n`);

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Building ${name}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      terminal.signal.addEventListener('abort', () => controller.abort(), { once: true });
      const bar = new ProgressBar();
      let message: string | undefined;
      return runBuild(
        docker,
        {
          contextDir: choices.contextDir,
          dockerfile: choices.dockerfile,
          tags: choices.tags,
          buildArgs: choices.buildArgs,
          target: choices.target,
          networkMode: buildSettings.network,
          builder: buildSettings.builder,
        },
        {
          output: (text) => terminal.append(text),
          builder: (builder) => terminal.append(builder === 'buildkit' ? 'Using BuildKit.\n' : 'Using the classic builder.\n'),
          step: (step) => {
            message = describeStep(step);
            progress.report({ message });
          },
          // The bar moves with the share of the Dockerfile's steps started (BuildKit's, across all its stages).
          share: (fraction) => {
            const increment = bar.advanceTo(fraction);
            if (increment > 0) {
              progress.report({ message, increment });
            }
          },
        },
        controller.signal,
      );
    },
  );

  if (result.kind === 'succeeded') {
    diagnostics.delete(dockerfileUri);
    terminal.end(`\x1b[32mBuilt ${choices.tags.join(', ') || result.imageId}.\x1b[0m Press any key to close.`);
    void vscode.window.showInformationMessage(`Built ${choices.tags.join(', ') || result.imageId}.`);
  } else if (result.kind === 'cancelled') {
    terminal.end('Build cancelled.');
  } else {
    const problem = locateBuildFailure(dockerfileText, result.failure);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(problem.startLine, 0, problem.endLine, problem.endCharacter),
      result.failure.step ? `Build failed at ${stepLabel(result.failure.step)}: ${problem.message}` : problem.message,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'docker build';
    if (problem.exitCode !== undefined) {
      diagnostic.code = `exit ${problem.exitCode}`;
    }
    diagnostics.set(dockerfileUri, [diagnostic]);
    terminal.end(`\x1b[31mBuild failed.\x1b[0m Press any key to close.`);
    const choice = await vscode.window.showErrorMessage(`Build of ${name} failed: ${problem.message}`, 'Show Line');
    if (choice === 'Show Line') {
      await vscode.window.showTextDocument(dockerfileUri, { selection: diagnostic.range });
    }
  }
}

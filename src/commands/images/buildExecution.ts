import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { BuildProblem, locateBuildFailure } from '../../build/buildDiagnostic';
import type { BuildChoices } from '../../build/buildMemory';
import { describeStep, stepLabel } from '../../build/buildOutput';
import { runBuild, type BuildRequest, type BuildResult } from '../../build/buildRunner';
import type { BuildTicket } from '../../build/buildSessions';
import { ProgressBar } from '../progressBar';
import { buildSettings } from './buildSettings';

/**
 * Runs a build with its output in a terminal and its current step in a cancellable notification. A failed
 * step becomes a diagnostic on its Dockerfile line; a successful build clears the Dockerfile's diagnostics.
 * Cancelling the notification or closing the terminal aborts the build in the engine.
 */
export async function executeBuild(dockside: Dockside, choices: BuildChoices): Promise<void> {
  const docker = dockside.docker;
  const dockerfileUri = vscode.Uri.file(choices.dockerfile);
  // The text that is built is the one the failing step is mapped onto.
  const dockerfileText = fs.readFileSync(choices.dockerfile, 'utf8');
  const name = choices.tags[0] ?? path.basename(path.dirname(choices.dockerfile));
  const workflows = dockside.workflows;
  const { core: terminal, terminal: shownIn } = workflows.buildTerminals.open(choices.dockerfile, `Build: ${name}`, `Building again, ${new Date().toLocaleTimeString()}`);
  const hadFailed = workflows.buildSessions.previousFailed(choices.dockerfile);
  const ticket = workflows.buildSessions.begin(choices.dockerfile);
  terminal.append(`Building ${path.basename(choices.dockerfile)} in ${choices.contextDir}${choices.target ? ` (target ${choices.target})` : ''}\n`);
  // FROM pulls need the credentials of whichever registries the Dockerfile names: send all known ones.
  const registryConfig = await dockside.registryCredentials.all().catch((error: unknown) => {
    terminal.append(`Registry credentials could not be read (${error instanceof Error ? error.message : String(error)}); FROM pulls go without them.\n`);
    return {};
  });

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
        { ...withBuildSettings({ contextDir: choices.contextDir, dockerfile: choices.dockerfile, tags: choices.tags, buildArgs: choices.buildArgs, target: choices.target }), registryConfig },
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

  const diagnostic = recordBuildOutcome(dockside, choices.dockerfile, dockerfileText, result);
  if (result.kind === 'succeeded') {
    workflows.buildSessions.end(ticket, 'succeeded');
    const built = choices.tags.join(', ') || result.imageId;
    terminal.end(`\x1b[32mBuilt ${built}.\x1b[0m Press any key to close.`);
    // The notification of the last failure cannot be closed: this one says it is over.
    void dockside.notices.info(hadFailed ? `Built ${built}: the build of ${path.basename(choices.dockerfile)} no longer fails.` : `Built ${built}.`);
  } else if (result.kind === 'cancelled') {
    workflows.buildSessions.end(ticket, 'cancelled');
    terminal.end('Build cancelled.');
  } else {
    workflows.buildSessions.end(ticket, 'failed');
    const problem = locateBuildFailure(dockerfileText, result.failure);
    if (!diagnostic) return;
    terminal.end(`\x1b[31mBuild failed.\x1b[0m Press any key to close.`);
    // The whole output is in the build terminal ("Show Build Log"); the log keeps the failure too.
    dockside.notices.output.error(`Build of ${name} failed: ${diagnostic.message}`);
    // Not awaited: the build is over; the notification's actions run whenever the user picks one.
    void dockside.notices.error(failureSentence(name, choices.dockerfile, problem), {
      actions: [
        { title: 'Show Line', run: () => showFailedLine(dockside, ticket, dockerfileUri, diagnostic.range) },
        { title: 'Show Build Log', run: () => shownIn.show() },
      ],
    });
  }
}

/** A build request with the `dockside.build.*` settings the request leaves open (builder, network of RUN steps). */
export function withBuildSettings(request: BuildRequest): BuildRequest {
  return { ...request, networkMode: request.networkMode ?? buildSettings.network, builder: request.builder ?? buildSettings.builder };
}

/**
 * What a finished build leaves in the editor, for the command and the `docker-build` task alike: a failed step
 * becomes the Dockerfile's diagnostic on its line (returned); a successful build clears the Dockerfile's.
 */
export function recordBuildOutcome(dockside: Dockside, dockerfile: string, dockerfileText: string, result: BuildResult): vscode.Diagnostic | undefined {
  const diagnostics = dockside.workflows.buildDiagnostics;
  const uri = vscode.Uri.file(dockerfile);
  if (result.kind === 'succeeded') {
    diagnostics.delete(uri);
    return undefined;
  }
  if (result.kind !== 'failed') {
    return undefined;
  }
  const problem = locateBuildFailure(dockerfileText, result.failure);
  const where = result.failure.step ? `Build failed at ${stepLabel(result.failure.step)}: ` : '';
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(problem.startLine, 0, problem.endLine, problem.endCharacter),
    [`${where}${problem.message}`, ...problem.output].join('\n'),
    vscode.DiagnosticSeverity.Error,
  );
  diagnostic.source = 'docker build';
  if (problem.exitCode !== undefined) {
    diagnostic.code = `exit ${problem.exitCode}`;
  }
  diagnostics.set(uri, [diagnostic]);
  return diagnostic;
}

/** "Build of web:1 failed on line 3 (exit code 3): npm ERR! missing script: build" */
function failureSentence(name: string, dockerfile: string, problem: BuildProblem): string {
  const code = problem.exitCode !== undefined ? ` (exit code ${problem.exitCode})` : '';
  const said = problem.output.at(-1) ?? problem.message;
  return `Build of ${name} failed on line ${problem.startLine + 1} of ${path.basename(dockerfile)}${code}: ${said}`;
}

/**
 * "Show Line" of a failure's notification, which outlives the build: the line of this failure while it is the
 * Dockerfile's latest build; once a later build superseded it, the error that build left (if any), or a word
 * that the Dockerfile builds now, rather than a line that has no error any more.
 */
async function showFailedLine(dockside: Dockside, ticket: BuildTicket, uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const later = dockside.workflows.buildSessions.supersededBy(ticket);
  const name = path.basename(ticket.dockerfile);
  if (later === undefined) {
    await vscode.window.showTextDocument(uri, { selection: range });
    return;
  }
  const current = dockside.workflows.buildDiagnostics.get(uri)?.[0];
  if (later === 'running') {
    await dockside.notices.info(`${name} is being built again; this failure may be out of date.`);
  } else if (later === 'succeeded') {
    await dockside.notices.info(`${name} has been built successfully since this failure: no line to show.`);
  } else if (current) {
    await vscode.window.showTextDocument(uri, { selection: current.range });
  } else {
    await dockside.notices.info(`${name} has no build error now.`);
  }
}

/**
 * The failing-build round trip both build suites check: a RUN that exits 3 is inserted into the fixture
 * Dockerfile, "Build Image" is run with its questions answered, the `docker build` diagnostic is handed to the
 * suite's assertions, then the original Dockerfile is restored, rebuilt, and the diagnostic must go away.
 */
import * as vscode from 'vscode';
import type { Dockside } from '../../../src/dockside';
import { answering } from './explorer';
import { eventually } from './support';

export const CONTEXT_PICK = "the Dockerfile's folder";
export const FAILING_RUN = 'RUN echo "checking the context" && exit 3';

export function buildDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'docker build');
}

function build(dockside: Dockside, dockerfile: vscode.Uri, tag: string): Promise<unknown> {
  return answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, () => vscode.commands.executeCommand('dockside.images.build', dockerfile));
}

/** Builds with FAILING_RUN as line 3 (right after LABEL: the failed build adds no layer of its own), checks, fixes. */
export async function failThenFixBuild(dockside: Dockside, dockerfile: vscode.Uri, tag: string, check: (diagnostic: vscode.Diagnostic) => void): Promise<void> {
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile));
  const lines = original.trimEnd().split('\n');
  const failing = [...lines.slice(0, 2), FAILING_RUN, ...lines.slice(2)].join('\n') + '\n';
  try {
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(failing));
    // The failed build waits on its error notification: the command is started, not awaited.
    const { result: diagnostic } = await answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, async () => {
      void vscode.commands.executeCommand('dockside.images.build', dockerfile);
      return eventually('a docker build diagnostic on the Dockerfile', () => buildDiagnostics(dockerfile)[0], 60_000);
    });
    check(diagnostic);

    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
    await build(dockside, dockerfile, tag);
    await eventually('the docker build diagnostic to be cleared', () => (buildDiagnostics(dockerfile).length === 0 ? true : undefined));
  } finally {
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
  }
}

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
export const FAILING_RUN = 'RUN echo "checking the context" >&2 && exit 3';
/** What FAILING_RUN writes to stderr, which its diagnostic carries. */
export const FAILING_RUN_SAYS = 'checking the context';

export function buildDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'docker build');
}

function build(dockside: Dockside, dockerfile: vscode.Uri, tag: string): Promise<unknown> {
  return answering(dockside, { picks: [CONTEXT_PICK], inputs: [tag, ''] }, () => vscode.commands.executeCommand('dockside.images.build', dockerfile));
}

/**
 * Builds with FAILING_RUN as line 3 (right after LABEL: the failed build adds no layer of its own), checks,
 * fixes; `afterFix` runs once the fixed build cleared the diagnostic.
 */
export async function failThenFixBuild(
  dockside: Dockside,
  dockerfile: vscode.Uri,
  tag: string,
  check: (diagnostic: vscode.Diagnostic) => void,
  afterFix?: () => Promise<void>,
): Promise<void> {
  const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(dockerfile));
  const lines = original.trimEnd().split('\n');
  const failing = [...lines.slice(0, 2), FAILING_RUN, ...lines.slice(2)].join('\n') + '\n';
  try {
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(failing));
    await build(dockside, dockerfile, tag);
    check(await eventually('a docker build diagnostic on the Dockerfile', () => buildDiagnostics(dockerfile)[0], 60_000));

    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
    await build(dockside, dockerfile, tag);
    await eventually('the docker build diagnostic to be cleared', () => (buildDiagnostics(dockerfile).length === 0 ? true : undefined));
    await afterFix?.();
  } finally {
    await vscode.workspace.fs.writeFile(dockerfile, new TextEncoder().encode(original));
  }
}

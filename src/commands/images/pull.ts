import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { validateImageReference } from '../../registry/imageReference';
import { LayerBlock, throttle } from '../../registry/layerBlock';
import type { LayerProgress } from '../../registry/layerProgress';
import { AuthLookup, OperationResult, pullImage, pushImage } from '../../registry/registryOperations';
import { openTerminal } from '../../terminal/openTerminal';
import { OutputTerminal } from '../../terminal/outputTerminal';
import { ProgressBar } from '../progressBar';
import { pickImage } from '../targets';

type Operation = (
  docker: Dockside['docker'],
  reference: string,
  onProgress: (progress: LayerProgress) => void,
  signal: AbortSignal,
  auth: AuthLookup,
) => Promise<OperationResult>;

/**
 * Runs a pull or push in a cancellable notification with the overall progress, and a terminal with one
 * line per layer redrawn in place. Cancelling or closing the terminal aborts it.
 */
export async function withLayerProgress(verb: 'Pulling' | 'Pushing', reference: string, run: Operation, dockside: Dockside): Promise<OperationResult> {
  const docker = dockside.docker;
  const credentials = dockside.registryCredentials;
  const terminal = new OutputTerminal();
  openTerminal(`${verb === 'Pulling' ? 'Pull' : 'Push'}: ${reference}`, terminal, verb === 'Pulling' ? 'cloud-download' : 'cloud-upload');
  terminal.append(`${verb} ${reference}\n`);
  const block = new LayerBlock();
  let latest: LayerProgress | undefined;
  const redraw = throttle(() => {
    if (latest) terminal.append(block.render(latest.lines()));
  }, 100);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `${verb} ${reference}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      terminal.signal.addEventListener('abort', () => controller.abort(), { once: true });
      const bar = new ProgressBar();
      return run(
        docker,
        reference,
        (layers) => {
          latest = layers;
          redraw.request();
          progress.report({ message: layers.summary(), increment: bar.advanceTo(layers.percent / 100) });
        },
        controller.signal,
        (registry) => credentials.get(registry),
      );
    },
  );
  redraw.flush();
  terminal.end(result.ok ? `${result.detail ?? 'Done.'} Press any key to close.` : `\x1b[31m${result.message}\x1b[0m Press any key to close.`);
  if (result.ok) {
    void vscode.window.showInformationMessage(`${verb === 'Pulling' ? 'Pulled' : 'Pushed'} ${reference}${result.detail ? ` (${result.detail})` : ''}.`);
  } else if (result.refusedBy) {
    // The registry refused the login: offer one, then the same operation again.
    const server = result.refusedBy;
    void dockside.notices.error(result.message, {
      actions: [
        {
          title: 'Log In',
          run: async () => {
            const loggedIn = await vscode.commands.executeCommand<boolean>('dockside.registries.login', server);
            if (loggedIn) await withLayerProgress(verb, reference, run, dockside);
          },
        },
      ],
    });
  } else {
    void dockside.notices.error(result.message);
  }
  return result;
}

export const pullImageCommand = (dockside: Dockside) => async (node?: unknown) => {
  const given = (node as { kind?: string; name?: string } | undefined)?.kind === 'image' ? (node as { name: string }).name : undefined;
  const reference =
    given ??
    (await vscode.window.showInputBox({ title: 'Pull an image', prompt: 'name[:tag] or name@digest', placeHolder: 'e.g. alpine:3.20', validateInput: validateImageReference }));
  if (reference) {
    await withLayerProgress('Pulling', reference.trim(), pullImage, dockside);
  }
};

export const pushImageCommand = (dockside: Dockside) => async (node?: unknown) => {
  const target = await pickImage(dockside.docker, node, 'Push an image');
  if (target) {
    const problem = validateImageReference(target.name);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return;
    }
    await withLayerProgress('Pushing', target.name, pushImage, dockside);
  }
};

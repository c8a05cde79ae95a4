import * as vscode from 'vscode';
import type { ExplorerModel } from '../../explorer/model';
import type { ExplorerNode } from '../../explorer/nodes';
import { actOnEach } from './act';

/** What a row says while the action runs. */
export const pendingTexts: Record<string, string> = {
  start: 'Starting…',
  stop: 'Stopping…',
  restart: 'Restarting…',
  pause: 'Pausing…',
  unpause: 'Resuming…',
  kill: 'Killing…',
  remove: 'Removing…',
};

/** How long a row keeps its pending text after the engine answered, waiting for the model to catch up. */
const settleMs = 2_000;

/** Resolves once the model's entry for `id` is no longer `before` (re-read or removed), or after `withinMs`. */
function modelMoved(model: ExplorerModel, id: string, before: unknown, withinMs: number): Promise<void> {
  if (model.containers.get(id) !== before) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, withinMs);
    const subscription = model.containers.onDidChange(() => {
      if (model.containers.get(id) !== before) done();
    });
  });
}

/** "Stopping web", "Stopping 3 containers", "Stopping project shop". */
export function progressTitle(verb: string, targets: readonly ExplorerNode[], project: string | undefined): string {
  const doing = (pendingTexts[verb] ?? `${verb}…`).replace(/…$/, '');
  if (project) return `${doing} project ${project}`;
  return targets.length === 1 ? `${doing} ${targets[0].name}` : `${doing} ${targets.length} containers`;
}

/**
 * `actOnEach` for containers with feedback while it runs: each target's row says "Stopping…" (until the model
 * shows the outcome) and the status bar shows a window progress naming the targets (or the Compose project).
 */
export function actOnContainersWithProgress(
  model: ExplorerModel,
  verb: string,
  targets: readonly ExplorerNode[],
  call: (target: ExplorerNode) => Promise<unknown>,
  project?: string,
): Promise<ExplorerNode[]> {
  const text = pendingTexts[verb] ?? `${verb}…`;
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: progressTitle(verb, targets, project) }, () =>
      actOnEach(verb, 'container', targets, async (target) => {
        const before = model.containers.get(target.id);
        const end = model.pending.begin([target.id], text);
        try {
          await call(target);
          await modelMoved(model, target.id, before, settleMs);
        } finally {
          end();
        }
      }),
    ),
  );
}

/** The Compose project a command was invoked on (its node), if any. */
export function composeProjectOf(node: unknown): string | undefined {
  const candidate = node as Partial<ExplorerNode> | undefined;
  return candidate?.kind === 'composeProject' && typeof candidate.name === 'string' ? candidate.name : undefined;
}

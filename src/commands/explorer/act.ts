import { notices } from '../../feedback/notices';
import type { ExplorerNode } from '../../explorer/nodes';
import { prompts } from './prompts';

/** "container "web"" or "3 containers: a, b, c" — exactly what an action is about to touch. */
export function describeTargets(kind: string, targets: readonly ExplorerNode[]): string {
  if (targets.length === 1) {
    return `${kind} "${targets[0].name}"`;
  }
  return `${targets.length} ${kind}s: ${targets.map((target) => target.name).join(', ')}`;
}

/** A modal confirmation naming what will be removed; resolves true only when the user confirms. */
export async function confirmModal(message: string, detail: string | undefined, action: string): Promise<boolean> {
  const answer = await prompts.warning(message, { modal: true, detail }, action);
  return answer === action;
}

/**
 * Runs one engine call per target in parallel; each failure reaches the user as the engine's own message
 * with the resource's name. Returns the targets that succeeded.
 */
export async function actOnEach(
  verb: string,
  kind: string,
  targets: readonly ExplorerNode[],
  call: (target: ExplorerNode) => Promise<unknown>,
): Promise<ExplorerNode[]> {
  const outcomes = await Promise.allSettled(targets.map((target) => call(target)));
  const done: ExplorerNode[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      done.push(targets[index]);
    } else {
      void notices.failed(`Cannot ${verb} ${kind} "${targets[index].name}"`, outcome.reason);
    }
  });
  return done;
}

import type { ModelChange } from './model';

/**
 * How long a view may hold back showing containers the engine is removing, waiting for their `destroy`. A
 * force-remove logs its kill and die, then the destroy 30–500 ms later; shown apart, the "being removed" update
 * starts VS Code's 200 ms debounce of tree changes and the row stays on screen that long after the container is
 * gone. Held, the row just vanishes when the destroy comes (a destroy is never held). A removal that takes longer
 * than this shows as "Removal In Progress" meanwhile, which is what the engine says.
 */
export const removalHoldMs = 1000;

/** The engine's state for a container whose removal is under way. */
const removingState = 'removing';

/**
 * How long to hold back telling the tree of `change`: `removalHoldMs` when all it does is show containers being
 * removed, else 0 (a container that stopped shows at once). `stateOf` reads a container's state after the change.
 */
export function changeHoldMs(change: ModelChange, stateOf: (id: string) => string | undefined): number {
  if (change.resource !== 'container' || change.change.kind !== 'patch') {
    return 0;
  }
  const { upserted, removed } = change.change;
  if (removed.length > 0 || upserted.length === 0) {
    return 0;
  }
  return upserted.every((id) => stateOf(id) === removingState) ? removalHoldMs : 0;
}

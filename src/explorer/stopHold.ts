import type { ModelChange } from './model';

/**
 * How long a view holds back showing containers that stopped, waiting for their `destroy`. A force-remove logs the
 * die, then the destroy 30–150 ms later; shown apart, the die's update starts VS Code's 200 ms debounce of tree
 * changes and the row stays on screen that long after the container is gone. Shown together, the row just vanishes.
 * A stop or exit with no destroy after it shows this much later, which is not seen beside the seconds a stop takes.
 */
export const stopHoldMs = 150;

/**
 * How long after a container's `kill` its `die` (and, for a force-remove, its `destroy`) may still come: kill to die
 * takes ~100–150 ms, die to destroy 30–500 ms. Meanwhile the views send no row re-render of their own ("Up 1 second"
 * becoming "Up 2 seconds"), which would start VS Code's debounce just before the row vanishes.
 */
export const killSettleMs = 1000;

/**
 * How long a view holds back showing containers the engine reports as being removed ("Removal In Progress", read
 * between the die and the destroy of a force-remove): their destroy is certain to follow, on a busy engine up to
 * ~500 ms after the die.
 */
export const removalHoldMs = 1000;

/** States a container is in once it stopped: the ones a destroy may follow at once. */
const stoppedStates = new Set(['exited', 'dead']);

/**
 * How long to hold back telling the tree of `change`: `removalHoldMs` when all it does is show containers being
 * removed, `stopHoldMs` when it shows containers stopped (a die, or its re-read) or being removed, else 0.
 * `stateOf` reads a container's state from the model after the change.
 */
export function changeHoldMs(change: ModelChange, stateOf: (id: string) => string | undefined): number {
  if (change.resource !== 'container' || change.change.kind !== 'patch') {
    return 0;
  }
  const { upserted, removed } = change.change;
  if (removed.length > 0 || upserted.length === 0) {
    return 0;
  }
  const states = upserted.map((id) => stateOf(id) ?? '');
  if (states.every((state) => state === 'removing')) {
    return removalHoldMs;
  }
  return states.every((state) => state === 'removing' || stoppedStates.has(state)) ? stopHoldMs : 0;
}

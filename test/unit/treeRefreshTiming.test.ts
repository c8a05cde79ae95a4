import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { Throttle, treeRefreshIntervalMs } from '../../src/explorer/throttle';

/**
 * VS Code's handling of a tree's change events (ExtHostTreeView, VS Code 1.100): `Event.debounce(…, 200, leading)`
 * — an event with no wait pending is delivered at once; any event while one is pending restarts the 200 ms wait,
 * and the gathered events are delivered when it ends. Returns the times (fake clock) of each delivery.
 */
function vscodeDebounce(now: () => number): { fire(): void; deliveries: number[] } {
  const deliveries: number[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let gathered = 0;
  return {
    deliveries,
    fire() {
      if (!timer) {
        deliveries.push(now());
      } else {
        gathered++;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        if (gathered > 0) {
          deliveries.push(now());
        }
        gathered = 0;
      }, 200);
    },
  };
}

/** A force-remove as the engine logs it: the die (patched at once, then its re-read), a disconnect, the destroy. */
function forceRemoveOnScreen(intervalMs: number): number {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    const debounce = vscodeDebounce(() => Date.now());
    const throttle = new Throttle(intervalMs, () => debounce.fire());
    const changes = [0, 4, 12, 120]; // die, its re-read, disconnect, destroy (ms)
    // One millisecond at a time, so timers set by timers run in order.
    for (let clock = 0; clock <= 1000; clock++) {
      if (changes.includes(clock)) {
        throttle.request();
      }
      mock.timers.tick(1);
    }
    const destroyedAt = changes.at(-1)!;
    const shown = debounce.deliveries.find((time) => time >= destroyedAt);
    assert.ok(shown !== undefined, 'the destroy reached the view');
    return shown - destroyedAt;
  } finally {
    mock.timers.reset();
  }
}

test('a destroy right after a die reaches the view sooner than VS Code\u2019s debounce would let it', () => {
  const before = forceRemoveOnScreen(30);
  const after = forceRemoveOnScreen(treeRefreshIntervalMs);
  assert.equal(before, 200, 'fired every 30 ms, the destroy waits out a restarted 200 ms debounce');
  assert.ok(after < 100, `the destroy shows ${after} ms after it came`);
});

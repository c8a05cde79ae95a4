import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { changeHoldMs, killSettleMs, removalHoldMs, stopHoldMs } from '../../src/explorer/stopHold';
import { treeRefreshIntervalMs } from '../../src/explorer/throttle';
import { TreeUpdates } from '../../src/explorer/treeUpdates';

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

/**
 * What reaches the view at `at` ms: a tree change (`held` when it only shows containers as stopped, see
 * stopHold.ts), a row re-rendered with the same data (`row`: "Up 1 second" becoming "Up 2 seconds"), or a
 * container's kill (`kill`: its die and destroy are expected).
 */
interface TimedChange {
  at: number;
  held?: boolean;
  /** Shows containers being removed ("Removal In Progress"): held longer. */
  removing?: boolean;
  row?: boolean;
  kill?: boolean;
}

/**
 * Plays `changes` through the view's TreeUpdates (or, with `intervalMs`, through updates fired that often) into
 * VS Code's debounce on a fake clock; returns the times the view was updated (VS Code's deliveries) and what
 * each fire carried.
 */
function play(intervalMs: number, changes: readonly TimedChange[]): { deliveries: number[]; fires: string[] } {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  try {
    const debounce = vscodeDebounce(() => Date.now());
    const fires: string[] = [];
    const updates = new TreeUpdates<string>(
      () => {
        fires.push(`tree@${Date.now()}`);
        debounce.fire();
      },
      (rows) => {
        fires.push(`${rows.join(',')}@${Date.now()}`);
        debounce.fire();
      },
      () => Date.now(),
      intervalMs,
    );
    // One millisecond at a time, so timers set by timers run in order.
    for (let clock = 0; clock <= 2000; clock++) {
      for (const change of changes.filter(({ at }) => at === clock)) {
        if (change.kill) updates.expectChange(killSettleMs);
        else if (change.row) updates.rows(['row']);
        else updates.refresh(change.removing ? removalHoldMs : change.held ? stopHoldMs : 0);
      }
      mock.timers.tick(1);
    }
    updates.dispose();
    return { deliveries: debounce.deliveries, fires };
  } finally {
    mock.timers.reset();
  }
}

const onScreen = (intervalMs: number, changes: readonly TimedChange[]) => play(intervalMs, changes).deliveries;

/** How long after the destroy (the last change) the view showed it. */
function destroyShownAfter(intervalMs: number, changes: readonly TimedChange[]): number {
  const destroyedAt = changes.at(-1)!.at;
  const shown = onScreen(intervalMs, changes).find((time) => time >= destroyedAt);
  assert.ok(shown !== undefined, 'the destroy reached the view');
  return shown - destroyedAt;
}

/** A force-remove as the engine logs it: the die (patched at once, then its re-read), a disconnect, the destroy. */
const forceRemove = (held: boolean, destroyAt = 120): TimedChange[] => [{ at: 0, held }, { at: 4, held }, { at: 12 }, { at: destroyAt }];

test('a destroy right after a die reaches the view sooner than VS Code\u2019s debounce would let it', () => {
  const before = destroyShownAfter(30, forceRemove(false));
  const after = destroyShownAfter(treeRefreshIntervalMs, forceRemove(false));
  assert.equal(before, 200, 'fired every 30 ms, the destroy waits out a restarted 200 ms debounce');
  assert.ok(after < 100, `the destroy shows ${after} ms after it came`);
});

test('a stop held back for its destroy: the row vanishes as the destroy comes, in one update', () => {
  for (const destroyAt of [30, 80, 140]) {
    const changes = forceRemove(true, destroyAt).filter(({ at }) => at !== 12);
    assert.equal(destroyShownAfter(treeRefreshIntervalMs, changes), 0, `destroy ${destroyAt} ms after the die`);
    assert.equal(onScreen(treeRefreshIntervalMs, changes).length, 1, 'the stopped state never shows on its own');
  }
});

test('a stop with no destroy after it shows once the hold is over; a later destroy is never held', () => {
  assert.deepEqual(onScreen(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 4, held: true }]), [stopHoldMs]);
  // A destroy after the hold: the die showed at the end of it, the destroy as soon as VS Code's debounce lets it.
  const late = destroyShownAfter(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 200 }]);
  assert.equal(late, stopHoldMs + treeRefreshIntervalMs - 200);
});

test('a hold never delays an update already due sooner', () => {
  // A start (not held), then a stop of another container 10 ms later: both show in the start's update.
  assert.deepEqual(onScreen(treeRefreshIntervalMs, [{ at: 0 }, { at: 10, held: true }]), [0, treeRefreshIntervalMs]);
  assert.deepEqual(onScreen(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 10 }]), [10]);
});

test('only a change that shows containers as stopped is held', () => {
  const states: Record<string, string> = { a: 'exited', b: 'dead', c: 'running', r: 'removing' };
  const stateOf = (id: string) => states[id];
  const patch = (upserted: string[], removed: string[] = []) => ({ resource: 'container' as const, change: { kind: 'patch' as const, upserted, removed } });
  assert.equal(changeHoldMs(patch(['a', 'b']), stateOf), stopHoldMs);
  assert.equal(changeHoldMs(patch(['r']), stateOf), removalHoldMs, 'a container being removed is held for its destroy');
  assert.equal(changeHoldMs(patch(['a', 'r']), stateOf), stopHoldMs);
  assert.equal(changeHoldMs(patch(['a', 'c']), stateOf), 0, 'a start among them shows at once');
  assert.equal(changeHoldMs(patch([], ['a']), stateOf), 0, 'a destroy shows at once');
  assert.equal(changeHoldMs(patch(['a'], ['x']), stateOf), 0);
  assert.equal(changeHoldMs({ resource: 'container', change: { kind: 'reset' } }, stateOf), 0, 'a full list shows at once');
  assert.equal(changeHoldMs({ resource: 'image', change: { kind: 'patch', upserted: ['a'], removed: [] } }, stateOf), 0);
});

test('a row re-rendered during a kill waits for the die and destroy, so the row vanishes as the destroy comes', () => {
  // "Up 1 second" comes due between the kill and the destroy of a force-remove.
  const changes: TimedChange[] = [{ at: 0, kill: true }, { at: 60, row: true }, { at: 120, held: true }, { at: 124, held: true }, { at: 190 }];
  assert.equal(destroyShownAfter(treeRefreshIntervalMs, changes), 0);
  assert.deepEqual(play(treeRefreshIntervalMs, changes).fires, ['tree@190'], 'the row text goes with the destroy, not on its own');
  // Without the kill noted, the row's own update goes out first and VS Code holds the destroy back.
  const unannounced = changes.filter((change) => !change.kill);
  assert.ok(destroyShownAfter(treeRefreshIntervalMs, unannounced) > 0);
});

test('a row re-rendered while a stop is held goes with the held update', () => {
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 50, row: true }]).fires, [`tree@${stopHoldMs}`]);
});

test('rows re-rendered with nothing else under way go at once, then at most once per interval; after a kill with no change, at its end', () => {
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, row: true }, { at: 100, row: true }]).fires, ['row@0', `row@${treeRefreshIntervalMs}`]);
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, kill: true }, { at: 10, row: true }]).fires, [`row@${killSettleMs}`]);
  // A tree change is never held back by an expected one.
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, kill: true }, { at: 10 }]).fires, ['tree@10']);
});

test('a container read as being removed extends the stop\'s hold until its destroy, which shows at once', () => {
  // The die (held), its re-read as "Removal In Progress", then the destroy 300 ms after the die: one update, at the destroy.
  const changes: TimedChange[] = [{ at: 0, held: true }, { at: 30, removing: true }, { at: 300 }];
  assert.deepEqual(play(treeRefreshIntervalMs, changes).fires, ['tree@300']);
  assert.equal(destroyShownAfter(treeRefreshIntervalMs, changes), 0);
  // No destroy after all: the row shows "Removal In Progress" once the hold is over, counted from the die.
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 30, removing: true }]).fires, [`tree@${removalHoldMs}`]);
  // A second stop hold never extends the first; a change not held ends it.
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 100, held: true }]).fires, [`tree@${stopHoldMs}`]);
  assert.deepEqual(play(treeRefreshIntervalMs, [{ at: 0, held: true }, { at: 100, removing: true }, { at: 120 }]).fires, ['tree@120']);
});

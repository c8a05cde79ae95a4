/** A notification's progress bar fed with shares of the work: increments that never take it back or past the end. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProgressBar } from '../../src/commands/progressBar';

test('the bar moves by the growth of the share and holds while the share shrinks', () => {
  const bar = new ProgressBar();
  assert.equal(bar.advanceTo(0.25), 25);
  assert.equal(bar.advanceTo(0.25), 0, 'no change, no increment');
  assert.equal(bar.advanceTo(0.2), 0, 'more work found: the bar holds');
  assert.equal(bar.advanceTo(0.3), 5, 'and moves on from where it is');
  assert.equal(bar.advanceTo(1.5), 70, 'never past the end');
  assert.equal(bar.advanceTo(1), 0);
});

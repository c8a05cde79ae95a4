import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runSteps, StepResult } from '../../src/commands/stepRunner';

/** Steps that answer from a script and record "name step/total" as asked. */
function scripted(answers: Array<StepResult<unknown>>) {
  const asked: string[] = [];
  const step = (name: string) => async (number: number, total: number) => {
    asked.push(`${name} ${number}/${total}`);
    return answers.shift();
  };
  return { asked, step };
}

const value = { kind: 'value' as const, value: 'x' };
const back = { kind: 'back' as const };

test('folded steps are neither asked nor counted until chosen', async () => {
  const { asked, step } = scripted([value, value, value]);
  let more = false;
  const choose = step('choose');
  const completed = await runSteps([step('name'), async (n, t) => ((more = false), choose(n, t)), { when: () => more, run: step('volumes') }, { when: () => more, run: step('mode') }]);
  assert.equal(completed, true);
  assert.deepEqual(asked, ['name 1/2', 'choose 2/2']);
});

test('"More options…" unfolds them and the counter grows; Back from the first unfolded step returns to the choice', async () => {
  const { asked, step } = scripted([value, value, back, value, value, value]);
  let more = false;
  const choose = step('choose');
  const completed = await runSteps([
    step('name'),
    async (n, t) => {
      more = true;
      return choose(n, t);
    },
    { when: () => more, run: step('volumes') },
    { when: () => more, run: step('mode') },
  ]);
  assert.equal(completed, true);
  assert.deepEqual(asked, ['name 1/2', 'choose 2/2', 'volumes 3/4', 'choose 2/4', 'volumes 3/4', 'mode 4/4']);
});

test('Escape cancels', async () => {
  const { step } = scripted([value, undefined]);
  assert.equal(await runSteps([step('a'), step('b'), step('c')]), false);
});

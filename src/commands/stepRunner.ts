/** The order of a multi-step input's steps: Back, Escape, steps asked only when chosen, and the step counter. Pure. */

export type StepResult<T> = { kind: 'value'; value: T } | { kind: 'back' } | undefined;

export type StepRun = (step: number, total: number) => Promise<StepResult<unknown>>;

/** A step asked only while `when` says so (e.g. behind "More options…"). */
export interface ConditionalStep {
  run: StepRun;
  when: () => boolean;
}

/**
 * Runs steps in order; a step returns its result, Back goes to the previous step asked, Escape cancels
 * (returns false). Steps whose `when` is false are skipped and not counted: "(3/4)" counts the steps that
 * will be asked, as decided so far.
 */
export async function runSteps(steps: Array<StepRun | ConditionalStep>): Promise<boolean> {
  const asked = (step: StepRun | ConditionalStep) => typeof step === 'function' || step.when();
  let index = 0;
  while (index < steps.length) {
    const current = steps[index];
    if (!asked(current)) {
      index++;
      continue;
    }
    const active = steps.filter(asked);
    const run = typeof current === 'function' ? current : current.run;
    const result = await run(active.indexOf(current) + 1, active.length);
    if (!result) return false;
    if (result.kind === 'back') {
      let previous = index - 1;
      while (previous > 0 && !asked(steps[previous])) previous--;
      index = Math.max(0, previous);
    } else {
      index++;
    }
  }
  return true;
}

/**
 * Steps of a multi-step quick input with a Back button: an input box validated as the user types (the
 * reason shows under it and Enter is refused), or a pick from a list.
 */
import * as vscode from 'vscode';
import type { StepResult } from './stepRunner';

export { runSteps } from './stepRunner';
export type { ConditionalStep, StepResult, StepRun } from './stepRunner';

export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
}

export type InputStepFrame = StepFrame & { value: string; prompt: string; placeholder?: string; validate: (value: string) => string | undefined };
export type PickStepFrame<T> = StepFrame & { items: Array<vscode.QuickPickItem & { value: T }>; active?: T };

export function inputStep(frame: InputStepFrame): Promise<StepResult<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    Object.assign(box, { title: frame.title, step: frame.step, totalSteps: frame.totalSteps, value: frame.value, prompt: frame.prompt, placeholder: frame.placeholder });
    box.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    box.ignoreFocusOut = true;
    let settled = false;
    const settle = (result: StepResult<string>) => {
      if (!settled) {
        settled = true;
        resolve(result);
        box.dispose();
      }
    };
    box.validationMessage = frame.validate(frame.value);
    box.onDidChangeValue((value) => (box.validationMessage = frame.validate(value)));
    box.onDidAccept(() => {
      const problem = frame.validate(box.value);
      box.validationMessage = problem;
      if (!problem) settle({ kind: 'value', value: box.value });
    });
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle({ kind: 'back' }));
    box.onDidHide(() => settle(undefined));
    box.show();
  });
}

export function pickStep<T>(frame: PickStepFrame<T>): Promise<StepResult<T>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
    Object.assign(pick, { title: frame.title, step: frame.step, totalSteps: frame.totalSteps, items: frame.items });
    const active = frame.items.find((item) => item.value === frame.active);
    if (active) pick.activeItems = [active];
    pick.buttons = frame.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    pick.ignoreFocusOut = true;
    let settled = false;
    const settle = (result: StepResult<T>) => {
      if (!settled) {
        settled = true;
        resolve(result);
        pick.dispose();
      }
    };
    pick.onDidAccept(() => pick.selectedItems[0] && settle({ kind: 'value', value: pick.selectedItems[0].value }));
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && settle({ kind: 'back' }));
    pick.onDidHide(() => settle(undefined));
    pick.show();
  });
}

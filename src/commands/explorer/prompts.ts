import * as vscode from 'vscode';
import { InputStepFrame, inputStep, PickStepFrame, pickStep, StepResult } from '../multiStepInput';
import { LivePickFrame, livePick } from '../files/livePick';

/**
 * The questions the commands ask (modal confirmations, quick picks, input boxes, steps of a multi-step input), in
 * one object so an extension-host test can answer them programmatically (`dockside.prompts.warning = async () => 'Remove'`).
 */
export interface Prompts {
  warning(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  /** A notification that may offer next steps ("Started web from app:1." [Show Logs]). */
  information(message: string, ...items: string[]): Thenable<string | undefined>;
  quickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  quickPickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined>;
  inputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** Local files or folders (uploads, download targets). */
  openDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  /** Opens a URI outside VS Code (a published port in the browser). */
  openExternal(uri: vscode.Uri): Thenable<boolean>;
  inputStep(frame: InputStepFrame): Promise<StepResult<string>>;
  pickStep<T>(frame: PickStepFrame<T>): Promise<StepResult<T>>;
  /** A quick pick whose rows arrive while it is open (files of a container folder, search results). */
  livePick<T extends vscode.QuickPickItem>(frame: LivePickFrame<T>): Promise<T | undefined>;
}

export const prompts: Prompts = {
  warning: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
  information: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  quickPick: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: false }),
  quickPickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  inputBox: (options) => vscode.window.showInputBox(options),
  openDialog: (options) => vscode.window.showOpenDialog(options),
  openExternal: (uri) => vscode.env.openExternal(uri),
  inputStep,
  pickStep,
  livePick,
};

/**
 * Notifications in words, with the next step as an action, and the raw text of what failed in the Dockside
 * output channel (a LogOutputChannel owned by the extension) behind a "Show Output" action.
 */
import * as vscode from 'vscode';
import { failureWords } from './failureWords';

export type NoticeSeverity = 'error' | 'warning' | 'info';

/** An action a notification offers: its button title and what it does when chosen. */
export interface NoticeAction {
  title: string;
  run(): unknown;
}

export const SHOW_OUTPUT = 'Show Output';

export class Notices implements vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  /** The "Dockside" output channel, created on first use. */
  get output(): vscode.LogOutputChannel {
    return (this.channel ??= vscode.window.createOutputChannel('Dockside', { log: true }));
  }

  /**
   * Shows one notification and resolves to the chosen button; an extension-host test may replace it to
   * see what the user is told and to choose an action (`dockside.notices.present = …`).
   */
  present: (severity: NoticeSeverity, message: string, items: string[]) => Thenable<string | undefined> = (severity, message, items) => {
    switch (severity) {
      case 'error':
        return vscode.window.showErrorMessage(message, ...items);
      case 'warning':
        return vscode.window.showWarningMessage(message, ...items);
      case 'info':
        return vscode.window.showInformationMessage(message, ...items);
    }
  };

  /**
   * Says what failed (`what`, e.g. `Cannot remove volume "data"`) and why in words; the engine's raw text goes
   * to the output channel, with a "Show Output" action when the words left it out. Resolves once the user
   * chose an action (or dismissed the notification): callers do not wait on it.
   */
  failed(what: string, error: unknown, actions: NoticeAction[] = []): Promise<void> {
    const { words, raw } = failureWords(error);
    this.output.error(`${what}: ${raw ?? words}`);
    return this.show('error', `${what}: ${words}.`, raw === undefined ? actions : [...actions, this.showOutputAction()]);
  }

  /** An error in our own words, with the engine's text (if any) logged and behind "Show Output". */
  error(message: string, options: { raw?: string; actions?: NoticeAction[] } = {}): Promise<void> {
    this.output.error(options.raw ? `${message}\n${options.raw}` : message);
    const actions = options.actions ?? [];
    return this.show('error', message, options.raw ? [...actions, this.showOutputAction()] : actions);
  }

  info(message: string, actions: NoticeAction[] = []): Promise<void> {
    this.output.info(message);
    return this.show('info', message, actions);
  }

  private showOutputAction(): NoticeAction {
    return { title: SHOW_OUTPUT, run: () => this.output.show(true) };
  }

  private async show(severity: NoticeSeverity, message: string, actions: NoticeAction[]): Promise<void> {
    try {
      const chosen = await this.present(severity, message, actions.map((action) => action.title));
      await actions.find((action) => action.title === chosen)?.run();
    } catch (error) {
      this.output.error(`An action of the notification "${message}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.channel?.dispose();
    this.channel = undefined;
  }
}

/**
 * The extension's one Notices (as `prompts` is its one set of questions): commands reach it without a
 * Dockside at hand; the extension root owns and disposes it.
 */
export const notices = new Notices();

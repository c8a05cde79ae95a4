import * as vscode from 'vscode';
import { openTerminal } from './openTerminal';
import { OutputTerminal } from './outputTerminal';

export interface TerminalSlot {
  terminal: vscode.Terminal;
  core: OutputTerminal;
}

/**
 * One output terminal per key (a Dockerfile): the next run of the same work takes the terminal of the last
 * one when its work is over and the user kept it open; otherwise (closed, or still busy) a new one opens.
 */
export class TerminalSlots implements vscode.Disposable {
  private readonly slots = new Map<string, TerminalSlot>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly icon: string) {
    this.closing = vscode.window.onDidCloseTerminal((closed) => {
      for (const [key, slot] of this.slots) {
        if (slot.terminal === closed) this.slots.delete(key);
      }
    });
  }

  /** The terminal core for the next run under `key`, shown, named `name`; `heading` separates it from the last run. */
  open(key: string, name: string, heading: string): TerminalSlot {
    const slot = this.slots.get(key);
    if (slot && slot.core.reusable) {
      slot.core.reuse(heading, slot.terminal.name === name ? undefined : name);
      slot.terminal.show();
      return slot;
    }
    const core = new OutputTerminal();
    const opened = { terminal: openTerminal(name, core, this.icon), core };
    this.slots.set(key, opened);
    return opened;
  }

  dispose(): void {
    this.closing.dispose();
    this.slots.clear();
  }
}

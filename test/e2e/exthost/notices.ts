/**
 * Dockside's notifications as a user meets them, from an extension-host suite: while recording, each one
 * (`dockside.notices.present`) is kept with its severity, text and buttons, and stays open until the test
 * chooses a button or dismisses it, as a user would, at any later time.
 */
import type { Dockside } from '../../../src/dockside';
import type { NoticeSeverity } from '../../../src/feedback/notices';
import { eventually } from './support';

export interface ShownNotice {
  severity: NoticeSeverity;
  message: string;
  items: string[];
  /** Clicks a button (or dismisses the notification with undefined). */
  choose(item: string | undefined): void;
}

export class NoticeRecorder {
  readonly shown: ShownNotice[] = [];
  private readonly original: Dockside['notices']['present'];

  constructor(private readonly dockside: Dockside) {
    this.original = dockside.notices.present;
    dockside.notices.present = (severity, message, items) =>
      new Promise((resolve) => this.shown.push({ severity, message, items, choose: resolve }));
  }

  /** Waits for a notification that `accept` matches, shown after the first `after` ones. */
  next(what: string, accept: (notice: ShownNotice) => boolean, after = 0, withinMs = 60_000): Promise<ShownNotice> {
    return eventually(`a notification: ${what} (shown: ${this.shown.map((notice) => notice.message).join(' | ') || 'none'})`, () => this.shown.slice(after).find(accept), withinMs);
  }

  /** Dismisses what is still open and gives `present` back. */
  stop(): void {
    this.shown.forEach((notice) => notice.choose(undefined));
    this.dockside.notices.present = this.original;
  }
}

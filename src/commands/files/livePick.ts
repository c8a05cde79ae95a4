import * as vscode from 'vscode';

/** Where a live pick's rows come from: `add` them as they are found; stop when `signal` aborts (the pick closed). */
export type LivePickFeed<T extends vscode.QuickPickItem> = (add: (items: readonly T[]) => void, signal: AbortSignal) => Promise<void>;

export interface LivePickFrame<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  feed: LivePickFeed<T>;
  /** The title once the feed is done (a count, or that the list was cut). */
  doneTitle?: () => string;
  /** Rows the user cannot open (a note that the list was cut): picking one keeps the pick open. */
  inert?: (item: T) => boolean;
}

/** How often rows found meanwhile are shown (setting a quick pick's items re-filters them all). */
const flushMs = 100;

/**
 * A quick pick that fills while it is open: busy until the feed ends, rows added in batches, the feed aborted
 * when the pick is closed. Resolves with the picked row, undefined when closed; rejects with the feed's error
 * (the pick is then closed).
 */
export function livePick<T extends vscode.QuickPickItem>(frame: LivePickFrame<T>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = frame.title;
  pick.placeholder = frame.placeholder;
  pick.matchOnDescription = frame.matchOnDescription ?? false;
  pick.matchOnDetail = frame.matchOnDetail ?? false;
  pick.busy = true;
  const controller = new AbortController();
  const rows: T[] = [];
  let shown = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (shown !== rows.length && !controller.signal.aborted) {
      shown = rows.length;
      pick.items = [...rows];
    }
  };
  return new Promise<T | undefined>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: { item?: T; error?: unknown }) => {
      if (settled) return;
      settled = true;
      controller.abort();
      clearTimeout(timer);
      pick.dispose();
      if (outcome.error !== undefined) reject(outcome.error);
      else resolve(outcome.item);
    };
    pick.onDidAccept(() => {
      const [item] = pick.selectedItems;
      if (item && !frame.inert?.(item)) settle({ item });
    });
    pick.onDidHide(() => settle({}));
    pick.show();
    frame
      .feed((items) => {
        rows.push(...items);
        timer ??= setTimeout(flush, flushMs);
      }, controller.signal)
      .then(
        () => {
          if (settled) return;
          clearTimeout(timer);
          flush();
          pick.busy = false;
          if (frame.doneTitle) pick.title = frame.doneTitle();
        },
        (error: unknown) => settle({ error }),
      );
  });
}

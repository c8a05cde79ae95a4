import * as vscode from 'vscode';
import { formatBytes } from '../explorer/present/format';
import { ProgressBar } from './progressBar';

/**
 * Runs a byte transfer under a cancellable notification: the bar follows `expected` bytes when known, else the
 * message counts bytes. Resolves to the transfer's result, or undefined when the user cancelled.
 */
export async function withByteProgress<T>(title: string, expected: number | undefined, run: (onBytes: (bytes: number) => void, signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancelled = token.onCancellationRequested(() => abort.abort());
    const bar = new ProgressBar();
    let lastReport = 0;
    try {
      return await run((bytes) => {
        const now = Date.now();
        if (now - lastReport < 100) return;
        lastReport = now;
        const increment = expected ? bar.advanceTo(bytes / expected) : undefined;
        progress.report({ message: expected ? `${formatBytes(bytes)} of about ${formatBytes(expected)}` : formatBytes(bytes), increment });
      }, abort.signal);
    } catch (error) {
      if (abort.signal.aborted) return undefined;
      throw error;
    } finally {
      cancelled.dispose();
    }
  });
}

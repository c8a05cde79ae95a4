import * as vscode from 'vscode';
import { notices } from '../../feedback/notices';
import { formatBytes } from '../../explorer/present/format';
import { prompts } from './prompts';

/** What a prune removed, in one sentence: "Removed 3 volumes (a, b, c), reclaimed 12 MB." */
export function pruneSummary(kind: string, removed: readonly string[], reclaimedBytes: number | undefined): string {
  if (removed.length === 0) {
    return `Nothing to prune: no unused ${kind}s.`;
  }
  const names = removed.length <= 5 ? ` (${removed.join(', ')})` : '';
  const space = reclaimedBytes !== undefined ? `, reclaimed ${formatBytes(reclaimedBytes)}` : '';
  return `Removed ${removed.length} ${kind}${removed.length === 1 ? '' : 's'}${names}${space}.`;
}

/** Asks in a modal naming exactly the candidates, then prunes and reports what the engine removed. */
export async function confirmAndPrune(
  kind: string,
  candidates: readonly string[],
  question: string,
  prune: () => Promise<{ removed: string[]; reclaimed?: number }>,
): Promise<string | undefined> {
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Nothing to prune: no unused ${kind}s.`);
    return undefined;
  }
  const shown = candidates.slice(0, 20).join('\n');
  const more = candidates.length > 20 ? `\n… and ${candidates.length - 20} more` : '';
  const answer = await prompts.warning(question, { modal: true, detail: `${shown}${more}` }, 'Prune');
  if (answer !== 'Prune') {
    return undefined;
  }
  try {
    const { removed, reclaimed } = await prune();
    const summary = pruneSummary(kind, removed, reclaimed);
    void vscode.window.showInformationMessage(summary);
    return summary;
  } catch (error) {
    void notices.failed(`Cannot prune ${kind}s`, error);
    return undefined;
  }
}

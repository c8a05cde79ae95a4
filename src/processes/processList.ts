/** The answer of `GET /containers/{id}/top`: column titles and one row of texts per process. */
export interface TopResult {
  Titles?: string[];
  Processes?: string[][];
}

export interface ProcessItem {
  label: string;
  description: string;
  detail: string;
}

/**
 * Processes as quick pick items: the command line as the label, PID, user and the CPU/memory columns the engine
 * gave (they depend on the `ps` arguments) as the description, every column in the detail. Pure.
 */
export function processItems(top: TopResult): ProcessItem[] {
  const titles = top.Titles ?? [];
  const column = (name: string) => titles.findIndex((title) => title.toUpperCase() === name);
  const commandColumn = [column('CMD'), column('COMMAND'), column('ARGS')].find((index) => index >= 0) ?? titles.length - 1;
  const shown = ['PID', 'USER', 'UID', '%CPU', '%MEM', 'TIME', 'STIME'].map((name) => [name, column(name)] as const).filter(([, index]) => index >= 0);
  return (top.Processes ?? []).map((row) => ({
    label: row[commandColumn] ?? '',
    description: shown.map(([name, index]) => `${name} ${row[index]}`).join(' · '),
    detail: titles.map((title, index) => `${title}: ${row[index] ?? ''}`).join('   '),
  }));
}

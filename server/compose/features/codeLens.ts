/** Code lenses on a Compose file: "▶ Up" on `services`, and "Up", "Logs", "Restart" on each service. */
import { isMap, isPair, isScalar } from 'yaml';
import { CodeLens } from 'vscode-languageserver';
import type { ComposeAnalysis } from '../analysis';

/** The commands the lenses run (contributed by the extension), with the file's URI and the service's name. */
export const COMPOSE_COMMANDS = { up: 'dockside.compose.up', logs: 'dockside.compose.logs', restart: 'dockside.compose.restart' } as const;

export function codeLenses(analysis: ComposeAnalysis): CodeLens[] {
  const root = analysis.document.yaml.contents;
  if (!isMap(root)) {
    return [];
  }
  const uri = analysis.document.uri;
  const lenses: CodeLens[] = [];
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== 'services' || !pair.key.range) {
      continue;
    }
    const range = analysis.document.range(pair.key.range[0], pair.key.range[1]);
    lenses.push({ range, command: { title: '▶ Up', command: COMPOSE_COMMANDS.up, arguments: [uri] } });
    if (!isMap(pair.value)) {
      continue;
    }
    for (const service of pair.value.items) {
      if (!isPair(service) || !isScalar(service.key) || !service.key.range) {
        continue;
      }
      const name = String(service.key.value);
      const at = analysis.document.range(service.key.range[0], service.key.range[1]);
      lenses.push(
        { range: at, command: { title: 'Up', command: COMPOSE_COMMANDS.up, arguments: [uri, name] } },
        { range: at, command: { title: 'Logs', command: COMPOSE_COMMANDS.logs, arguments: [uri, name] } },
        { range: at, command: { title: 'Restart', command: COMPOSE_COMMANDS.restart, arguments: [uri, name] } },
      );
    }
  }
  return lenses;
}

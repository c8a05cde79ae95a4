import type { EngineState } from '../explorer/model';
import { describeFacts } from './engineFacts';
import type { EngineRow } from './engines';

/** One row of the Engines view, as command handlers receive it. */
export interface EngineRowNode {
  kind: 'engineRow';
  /** The catalog id: `default`, `context:<name>`, `setting:<name>`. */
  id: string;
  name: string;
  /** The engine key (its endpoint) when the declaration is usable. */
  key?: string;
  origin: EngineRow['entry']['origin'];
  label: string;
  description: string;
  tooltip: string;
  icon: { id: string; color?: string };
  /**
   * `engineRow-<origin>-<connected|disconnected|broken>-<primary|secondary>-<current|notCurrent>` for menus:
   * connect shows on `-disconnected-`, disconnect on `-connected-secondary`, use and remove on `-notCurrent`.
   */
  contextValue: string;
}

function stateWords(state: EngineState | undefined): string {
  switch (state?.kind) {
    case 'connected':
      return 'connected';
    case 'connecting':
      return 'connecting…';
    case 'unreachable':
      return `unreachable: ${state.reason}`;
    default:
      return 'not connected';
  }
}

/** The Engines view's rows (pure): each engine the user has, its state and what can be done with it. */
export function engineRowNodes(rows: readonly EngineRow[]): EngineRowNode[] {
  return rows.map(({ entry, key, engine }) => {
    const state = engine?.model.state;
    const connection = entry.problem ? 'broken' : engine ? 'connected' : 'disconnected';
    let description: string;
    if (entry.problem) {
      description = entry.problem;
    } else if (state?.kind === 'connected' && engine?.facts) {
      description = describeFacts(engine.facts);
    } else {
      description = stateWords(state);
    }
    const badges = [entry.current ? 'current context' : undefined, engine?.primary ? 'Dockside\'s current engine' : undefined].filter(Boolean);
    const tooltip = [
      `${entry.name} (${entry.origin === 'setting' ? 'dockside.engines setting' : entry.origin === 'context' ? 'Docker context' : 'default socket'})`,
      entry.endpoint ? entry.endpoint.host : '',
      entry.description,
      badges.join(', '),
      entry.problem ?? stateWords(state),
    ]
      .filter((line) => line)
      .join('\n');
    const color = entry.problem || state?.kind === 'unreachable' ? 'errorForeground' : state?.kind === 'connected' ? 'charts.green' : undefined;
    return {
      kind: 'engineRow',
      id: entry.id,
      name: entry.name,
      key,
      origin: entry.origin,
      label: entry.current ? `${entry.name} ★` : entry.name,
      description,
      tooltip,
      icon: { id: entry.origin === 'setting' ? 'remote' : entry.endpoint?.host.startsWith('ssh://') ? 'terminal' : 'server-environment', color },
      contextValue: `engineRow-${entry.origin}-${connection}-${engine?.primary ? 'primary' : 'secondary'}-${entry.current ? 'current' : 'notCurrent'}`,
    };
  });
}

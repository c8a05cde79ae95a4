import type { Dockside } from '../../dockside';
import { engineRowTarget } from './rowTarget';

/** Connects an engine besides those connected: its resources join the explorer views under its own node. */
export const connectEngine =
  (dockside: Dockside) =>
  async (node?: unknown): Promise<void> => {
    const row = await engineRowTarget(dockside, node, (candidate) => candidate.contextValue.includes('-disconnected-'), 'Engine to connect');
    if (!row) {
      return;
    }
    const entry = dockside.engines.rows().find((candidate) => candidate.entry.id === row.id)?.entry;
    if (!entry) {
      void dockside.notices.error(`Engine "${row.name}" is no longer declared.`);
      return;
    }
    try {
      const engine = await dockside.engines.connect(entry);
      await dockside.ensureExplorer();
      const state = engine.model.state;
      if (state.kind === 'unreachable') {
        void dockside.notices.error(`Engine "${row.name}" is unreachable: ${state.reason} Dockside keeps trying; Disconnect to stop.`);
      }
    } catch (error) {
      void dockside.notices.error((error as Error).message);
    }
  };

/** Disconnects an engine (not the current one); its node leaves the explorer views. */
export const disconnectEngine =
  (dockside: Dockside) =>
  async (node?: unknown): Promise<void> => {
    const row = await engineRowTarget(dockside, node, (candidate) => /-connected-/.test(candidate.contextValue), 'Engine to disconnect');
    if (!row?.key) {
      return;
    }
    try {
      dockside.engines.disconnect(row.key);
    } catch (error) {
      void dockside.notices.error((error as Error).message);
    }
  };

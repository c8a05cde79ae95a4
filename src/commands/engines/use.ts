import type { Dockside } from '../../dockside';
import { engineRowTarget } from './rowTarget';

/**
 * `docker context use`: makes a context (or `default`) current in config.json. Dockside's current engine follows
 * unless the `dockside.host` setting or DOCKER_HOST/DOCKER_CONTEXT decides it.
 */
export const useContext =
  (dockside: Dockside) =>
  async (node?: unknown): Promise<void> => {
    const row = await engineRowTarget(
      dockside,
      node,
      (candidate) => /^engineRow-(context|default)-(connected|disconnected)-/.test(candidate.contextValue) && candidate.contextValue.endsWith('-notCurrent'),
      'Context to make current',
    );
    if (!row) {
      return;
    }
    if (row.origin === 'setting') {
      void dockside.notices.error(`"${row.name}" comes from the dockside.engines setting, not a Docker context: only contexts can be made current.`);
      return;
    }
    try {
      const follows = dockside.engines.useContext(row.origin === 'default' ? 'default' : row.name, dockside.config.host);
      if (follows) {
        await dockside.connectEngine();
      } else {
        void dockside.prompts.information(
          `Docker commands now use context "${row.name}". Dockside's current engine stays as the dockside.host setting or DOCKER_HOST/DOCKER_CONTEXT name it.`,
        );
      }
    } catch (error) {
      void dockside.notices.error((error as Error).message);
    }
  };

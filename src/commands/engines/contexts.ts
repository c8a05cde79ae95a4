import type { Dockside } from '../../dockside';
import { contextNameProblem } from '../../engines/contexts/contextFormat';
import { contextKinds, hostProblem, tlsFolderProblem } from '../../engines/contexts/newContextInputs';
import { engineRowTarget } from './rowTarget';

/** Creates a Docker context (unix socket, tcp with TLS material, or ssh), as `docker context create` would. */
export const createContext =
  (dockside: Dockside) =>
  async (): Promise<void> => {
    const taken = new Set(dockside.engines.store.list().map((context) => context.name));
    const kind = await dockside.prompts.quickPick(
      contextKinds.map((choice) => ({ label: choice.label, choice: choice.kind })),
      { placeHolder: 'Where is the engine of the new context?' },
    );
    if (!kind) {
      return;
    }
    const name = await dockside.prompts.inputBox({
      prompt: 'Name of the new Docker context',
      placeHolder: 'build-box',
      validateInput: (value) => contextNameProblem(value.trim()) ?? (taken.has(value.trim()) ? `A context named "${value.trim()}" already exists.` : undefined),
    });
    if (name === undefined) {
      return;
    }
    const host = await dockside.prompts.inputBox({
      prompt: `Address of the engine (${kind.label})`,
      placeHolder: contextKinds.find((choice) => choice.kind === kind.choice)?.placeholder,
      validateInput: (value) => hostProblem(kind.choice, value),
    });
    if (host === undefined) {
      return;
    }
    let tlsFolder: string | undefined;
    if (kind.choice === 'tcpTls') {
      tlsFolder = await dockside.prompts.inputBox({
        prompt: 'Folder with the TLS material (ca.pem, cert.pem, key.pem)',
        placeHolder: '/home/me/.docker/build-box',
        validateInput: tlsFolderProblem,
      });
      if (tlsFolder === undefined) {
        return;
      }
    }
    const description = await dockside.prompts.inputBox({ prompt: 'Description (optional)', placeHolder: 'Enter to leave empty' });
    if (description === undefined) {
      return;
    }
    try {
      dockside.engines.createContext({ name: name.trim(), host: host.trim(), tlsFolder: tlsFolder?.trim(), description: description.trim() || undefined });
    } catch (error) {
      void dockside.notices.error((error as Error).message);
    }
  };

/** Removes a Docker context after a modal confirmation; refuses the current one as `docker context rm` does. */
export const removeContext =
  (dockside: Dockside) =>
  async (node?: unknown): Promise<void> => {
    const row = await engineRowTarget(dockside, node, (candidate) => candidate.origin === 'context', 'Context to remove');
    if (!row) {
      return;
    }
    if (row.origin !== 'context') {
      void dockside.notices.error(`"${row.name}" is not a Docker context: only contexts can be removed here.`);
      return;
    }
    if (row.contextValue.endsWith('-current')) {
      void dockside.notices.error(`Context "${row.name}" is in use: make another context current first.`);
      return;
    }
    const answer = await dockside.prompts.warning(
      `Remove the Docker context "${row.name}"?`,
      { modal: true, detail: 'Its endpoint and TLS material are deleted from the Docker configuration folder, for the docker CLI too.' },
      'Remove',
    );
    if (answer !== 'Remove') {
      return;
    }
    try {
      if (row.key && dockside.engines.set.get(row.key)?.primary === false) {
        dockside.engines.disconnect(row.key);
      }
      dockside.engines.removeContext(row.name);
    } catch (error) {
      void dockside.notices.error((error as Error).message);
    }
  };

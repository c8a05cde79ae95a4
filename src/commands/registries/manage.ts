import * as vscode from 'vscode';
import { readMachineSetting } from '../../config';
import type { Dockside } from '../../dockside';
import { parseRegistryUrl, RegistrySetting, withoutRegistry, withRegistry } from '../../registry/browse/registryEntries';
import type { RegistryNode } from '../../registry/browse/registryTree';

function registrySettings(): RegistrySetting[] {
  const value = readMachineSetting<RegistrySetting[]>('dockside', 'registries', []);
  return Array.isArray(value) ? value : [];
}

async function saveRegistrySettings(settings: RegistrySetting[]): Promise<void> {
  await vscode.workspace.getConfiguration('dockside').update('registries', settings, vscode.ConfigurationTarget.Global);
}

/** Adds a registry by URL (or a Docker Hub namespace) to the `dockside.registries` setting; a CA file may be named. */
export const addRegistry = (dockside: Dockside) => async (given?: unknown): Promise<void> => {
  const input =
    typeof given === 'string'
      ? given
      : await dockside.prompts.inputBox({
          title: 'Add a registry',
          prompt: 'Registry address (https://host:port, http://host:port) or docker.io/<user or organisation>',
          placeHolder: 'e.g. https://registry.example:5000',
          validateInput: (value) => {
            const parsed = parseRegistryUrl(value);
            return parsed.ok ? undefined : parsed.reason;
          },
        });
  if (!input) return;
  const parsed = parseRegistryUrl(input);
  if (!parsed.ok) {
    void dockside.notices.error(parsed.reason);
    return;
  }
  let ca: string | undefined;
  if (parsed.value.url.startsWith('https:') && typeof given !== 'string') {
    const choice = await dockside.prompts.quickPick(
      [
        { label: 'Trusted by the system', description: 'its certificate is signed by a known authority', pick: false },
        { label: 'Choose a CA certificate file…', description: 'for a registry with its own certificate authority', pick: true },
      ],
      { title: `Certificate of ${parsed.value.url}` },
    );
    if (!choice) return;
    if (choice.pick) {
      const [file] = (await vscode.window.showOpenDialog({ title: 'CA certificate (PEM)', canSelectMany: false, filters: { 'PEM certificates': ['crt', 'pem', 'cer'] } })) ?? [];
      if (!file) return;
      ca = file.fsPath;
    }
  }
  await saveRegistrySettings(withRegistry(registrySettings(), { ...parsed.value, ca }));
  dockside.registries.refresh();
};

export const removeRegistry = (dockside: Dockside) => async (node?: RegistryNode): Promise<void> => {
  let entry = node?.kind === 'registry' ? node.entry : undefined;
  if (!entry) {
    const added = (await dockside.registries.entries()).filter((candidate) => candidate.added);
    if (added.length === 0) {
      void dockside.notices.info('No registry was added by URL; registries you are logged in to go away when you log out.');
      return;
    }
    entry = (await dockside.prompts.quickPick(added.map((candidate) => ({ label: candidate.label, entry: candidate })), { title: 'Remove a registry from the view' }))?.entry;
  }
  if (!entry) return;
  if (!entry.added) {
    void dockside.notices.info(`${entry.label} is listed because you are logged in to it; log out to remove it.`);
    return;
  }
  await saveRegistrySettings(withoutRegistry(registrySettings(), entry));
  dockside.registries.refresh();
};

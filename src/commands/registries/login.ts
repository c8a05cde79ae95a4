import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { logIn, logOut } from '../../registry/credentials/registryLogin';
import { credentialKey, registryDisplayName } from '../../registry/credentials/registryHost';
import { parseRegistryUrl } from '../../registry/browse/registryEntries';
import type { RegistryNode } from '../../registry/browse/registryTree';

/** The server a command is about: a registry node, a server address given by another command, or none. */
function serverOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const node = arg as RegistryNode | undefined;
  return node && 'entry' in node ? node.entry.credentialKey : undefined;
}

/**
 * Asks for the server, user and password (a password box), checks them with the engine's `/auth` and stores
 * them where the Docker CLI would. Resolves to whether the login succeeded (the "Log In" action retries then).
 */
export const loginToRegistry = (dockside: Dockside) => async (arg?: unknown): Promise<boolean> => {
  const prompts = dockside.prompts;
  const given = serverOf(arg);
  const server =
    given ??
    (await prompts.inputBox({
      title: 'Log in to a registry (1/3)',
      prompt: 'Registry server (docker.io for Docker Hub)',
      value: 'docker.io',
      validateInput: (value) => {
        const parsed = parseRegistryUrl(value.trim() === 'docker.io' ? 'docker.io/x' : value);
        return parsed.ok ? undefined : parsed.reason;
      },
    }));
  if (!server) return false;
  const name = registryDisplayName(server);
  const username = await prompts.inputBox({ title: `Log in to ${name} (2/3)`, prompt: 'User name', ignoreFocusOut: true, validateInput: (value) => (value.trim() ? undefined : 'A user name is needed.') });
  if (!username) return false;
  const password = await prompts.inputBox({ title: `Log in to ${name} (3/3)`, prompt: `Password or access token of ${username.trim()}`, password: true, ignoreFocusOut: true });
  if (!password) return false;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Logging in to ${name}…` }, () =>
    logIn(dockside.docker, dockside.registryCredentials, { server: credentialKey(server), username, password }),
  );
  if (!result.ok) {
    void dockside.notices.error(result.message, result.refused ? { actions: [{ title: 'Try Again', run: () => loginToRegistry(dockside)(server) }] } : {});
    return false;
  }
  dockside.registries.refresh();
  void dockside.notices.info(result.message);
  return true;
};

export const logoutOfRegistry = (dockside: Dockside) => async (arg?: unknown): Promise<void> => {
  let server = serverOf(arg);
  if (!server) {
    const registries = await dockside.registryCredentials.registries();
    if (registries.length === 0) {
      void dockside.notices.info('You are not logged in to any registry.');
      return;
    }
    server = (await dockside.prompts.quickPick(registries.map((key) => ({ label: registryDisplayName(key), key })), { title: 'Log out of a registry' }))?.key;
  }
  if (!server) return;
  const result = await logOut(dockside.registryCredentials, server);
  if (!result.ok) {
    void dockside.notices.error(result.message);
    return;
  }
  dockside.registries.refresh();
  void dockside.notices.info(result.message);
};

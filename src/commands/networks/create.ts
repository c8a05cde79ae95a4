import type { Dockside } from '../../dockside';
import { createNetwork as createNetworkOnEngine } from '../../engine/actions';
import { prompts } from '../explorer/prompts';

export function validateSubnet(value: string): string | undefined {
  if (!value.trim()) {
    return undefined;
  }
  return /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/.test(value.trim()) ? undefined : 'A CIDR subnet like 172.28.0.0/16, or empty for automatic.';
}

/** Creates a network: name, driver, optional subnet, internal or not. */
export const createNetwork = (dockside: Dockside) => async (): Promise<string | undefined> => {
  const name = await prompts.inputBox({
    title: 'Create Network (1/4)',
    prompt: 'Network name',
    validateInput: (value) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value) ? undefined : 'Letters, digits, "_", "." and "-".'),
  });
  if (!name) {
    return undefined;
  }
  const driver = (
    await prompts.quickPick(
      ['bridge', 'macvlan', 'ipvlan', 'overlay'].map((label) => ({ label })),
      { title: 'Create Network (2/4)', placeHolder: 'Driver' },
    )
  )?.label;
  if (!driver) {
    return undefined;
  }
  const subnet = await prompts.inputBox({ title: 'Create Network (3/4)', prompt: 'Subnet (empty: automatic)', validateInput: validateSubnet });
  if (subnet === undefined) {
    return undefined;
  }
  const internal = await prompts.quickPick(
    [
      { label: 'No', description: 'containers can reach outside networks', internal: false },
      { label: 'Internal', description: 'no access from or to outside', internal: true },
    ],
    { title: 'Create Network (4/4)', placeHolder: 'Internal?' },
  );
  if (!internal) {
    return undefined;
  }
  try {
    await createNetworkOnEngine(dockside.docker, { name, driver, subnet: subnet.trim() || undefined, internal: internal.internal });
    return name;
  } catch (error) {
    void dockside.notices.failed(`Cannot create network "${name}"`, error);
    return undefined;
  }
};

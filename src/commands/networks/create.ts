import type { Dockside } from '../../dockside';
import { createNetwork as createNetworkOnEngine } from '../../engine/actions';
import { isIpv6Subnet, validateGateway, validateIpRange, validateSubnet } from '../../network/ipamInputs';
import { prompts } from '../explorer/prompts';
import { networkNameClash } from '../nameClash';

export function validateNetworkName(value: string): string | undefined {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value) ? undefined : 'Letters, digits, "_", "." and "-".';
}

/**
 * Creates a network: name, driver, optional subnet (then its gateway and IP range), internal or not. Every
 * field is checked as it is typed, the name against the networks the explorer knows.
 */
export const createNetwork = (dockside: Dockside) => async (): Promise<string | undefined> => {
  await dockside.ensureExplorer();
  // Gateway and IP range are asked only with a subnet: the counter grows once one is given.
  let total = 4;
  const title = (step: number) => `Create Network (${step}/${total})`;
  const name = await prompts.inputBox({
    title: title(1),
    prompt: 'Network name',
    validateInput: (value) => validateNetworkName(value) ?? networkNameClash(dockside.explorer, value),
  });
  if (!name) {
    return undefined;
  }
  const driver = (
    await prompts.quickPick(
      ['bridge', 'macvlan', 'ipvlan', 'overlay'].map((label) => ({ label })),
      { title: title(2), placeHolder: 'Driver' },
    )
  )?.label;
  if (!driver) {
    return undefined;
  }
  const subnet = await prompts.inputBox({ title: title(3), prompt: 'Subnet (empty: automatic)', placeHolder: 'e.g. 172.28.0.0/16 or fd00:28::/64', validateInput: validateSubnet });
  if (subnet === undefined) {
    return undefined;
  }
  let gateway = '';
  let ipRange = '';
  if (subnet.trim()) {
    total = 6;
    const typedGateway = await prompts.inputBox({
      title: title(4),
      prompt: `Gateway inside ${subnet.trim()} (empty: the engine picks one)`,
      validateInput: (value) => validateGateway(value, subnet),
    });
    if (typedGateway === undefined) {
      return undefined;
    }
    const typedRange = await prompts.inputBox({
      title: title(5),
      prompt: `IP range for containers, a subnet inside ${subnet.trim()} (empty: the whole subnet)`,
      validateInput: (value) => validateIpRange(value, subnet),
    });
    if (typedRange === undefined) {
      return undefined;
    }
    gateway = typedGateway.trim();
    ipRange = typedRange.trim();
  }
  const internal = await prompts.quickPick(
    [
      { label: 'No', description: 'containers can reach outside networks', internal: false },
      { label: 'Internal', description: 'no access from or to outside', internal: true },
    ],
    { title: title(total), placeHolder: 'Internal?' },
  );
  if (!internal) {
    return undefined;
  }
  try {
    await createNetworkOnEngine(dockside.docker, {
      name,
      driver,
      subnet: subnet.trim() || undefined,
      gateway: gateway || undefined,
      ipRange: ipRange || undefined,
      ipv6: isIpv6Subnet(subnet),
      internal: internal.internal,
    });
    return name;
  } catch (error) {
    void dockside.notices.failed(`Cannot create network "${name}"`, error);
    return undefined;
  }
};

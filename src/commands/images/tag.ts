import type { Dockside } from '../../dockside';
import { tagImage as tagImageOnEngine } from '../../engine/actions';
import { actOnEach } from '../explorer/act';
import { commandTargets } from '../explorer/targets';
import { prompts } from '../explorer/prompts';

/** Docker's reference grammar, loosely: lowercase path components, optional registry port, optional tag. */
export function validateReference(value: string): string | undefined {
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/.test(value.trim())) {
    return 'Expected a reference like "name", "name:tag" or "registry:5000/team/name:tag" (lowercase repository).';
  }
  return undefined;
}

/** Adds a tag to an image. */
export const tagImage =
  (dockside: Dockside) =>
  async (node?: unknown, nodes?: unknown): Promise<string | undefined> => {
    const [target] = await commandTargets(dockside, 'image', node, nodes, { placeholder: 'Image to tag', many: false });
    if (!target) {
      return undefined;
    }
    const reference = await prompts.inputBox({
      title: `Tag ${target.name}`,
      prompt: 'New reference (repository[:tag])',
      value: target.contextValue === 'imageDangling' ? '' : target.name,
      validateInput: validateReference,
    });
    if (!reference) {
      return undefined;
    }
    const docker = dockside.docker;
    let tagged: string | undefined;
    await actOnEach('tag', 'image', [target], async () => (tagged = await tagImageOnEngine(docker, target.id, reference)));
    return tagged;
  };

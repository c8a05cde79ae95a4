import type { Dockside } from '../../dockside';
import { parseImageReference, validateImageReference } from '../../registry/imageReference';
import { pushTarget } from '../../registry/browse/pushTarget';
import type { RegistryNode } from '../../registry/browse/registryTree';
import { pushImage } from '../../registry/registryOperations';
import { withLayerProgress } from '../images/pull';
import { pickImage } from '../targets';

/**
 * Tags a local image for a registry picked from the Registries view and pushes it, with the registry's
 * credentials and the layer progress. From the Images view (an image node) or the Registries view (a registry node).
 */
export const pushImageTo = (dockside: Dockside) => async (node?: unknown) => {
  const given = node as RegistryNode | undefined;
  let entry = given?.kind === 'registry' ? given.entry : undefined;
  const image = await pickImage(dockside.docker, given?.kind === 'registry' ? undefined : node, 'Push an image to a registry');
  if (!image) return;
  if (!entry) {
    const entries = await dockside.registries.entries();
    if (entries.length === 0) {
      void dockside.notices.info('There is no registry in the Registries view: add one or log in to one first.');
      return;
    }
    entry = (await dockside.prompts.quickPick(entries.map((candidate) => ({ label: candidate.label, description: candidate.loggedIn ? 'logged in' : undefined, entry: candidate })), { title: `Push ${image.name} to…` }))?.entry;
  }
  if (!entry) return;
  const reference = await dockside.prompts.inputBox({ title: `Push ${image.name} to ${entry.label}`, prompt: 'Name and tag in the registry', value: pushTarget(image.name, entry), validateInput: validateImageReference });
  if (!reference) return;
  const parsed = parseImageReference(reference.trim());
  if (!parsed.ok) {
    void dockside.notices.error(parsed.reason);
    return;
  }
  const repo = parsed.value.domain ? `${parsed.value.domain}/${parsed.value.path}` : parsed.value.path;
  try {
    await dockside.docker.getImage(image.id).tag({ repo, tag: parsed.value.tag ?? 'latest' });
  } catch (error) {
    void dockside.notices.failed(`Cannot tag ${image.name} as ${reference}`, error);
    return;
  }
  const result = await withLayerProgress('Pushing', `${repo}:${parsed.value.tag ?? 'latest'}`, pushImage, dockside);
  if (result.ok) dockside.registries.refresh();
};

import * as vscode from 'vscode';
import type { Dockside } from '../../dockside';
import { digestReference, tagReference } from '../../registry/browse/registryPresenter';
import type { TagDetails } from '../../registry/browse/registrySource';
import type { RegistryNode } from '../../registry/browse/registryTree';
import { pullImage } from '../../registry/registryOperations';
import { RegistriesView } from '../../views/registriesView';
import { withLayerProgress } from '../images/pull';

type TagNode = Extract<RegistryNode, { kind: 'tag' }>;

function tagNodeOf(dockside: Dockside, node: unknown, action: string): TagNode | undefined {
  const tag = node as RegistryNode | undefined;
  if (tag?.kind === 'tag') return tag;
  void dockside.notices.info(`Choose a tag in the Registries view to ${action}.`);
  return undefined;
}

/** The tag's digest and sizes (loaded now when its node was never expanded). */
async function detailsOf(dockside: Dockside, node: TagNode): Promise<TagDetails> {
  if (node.details) return node.details;
  const source = await dockside.registries.sourceFor(node.entry);
  node.details = await source.tagDetails(node.repository, node.tag, new AbortController().signal);
  return node.details;
}

export const pullRegistryTag = (dockside: Dockside) => async (node?: unknown) => {
  const tag = tagNodeOf(dockside, node, 'pull');
  if (tag) await withLayerProgress('Pulling', tagReference(tag), pullImage, dockside);
};

export const copyRegistryReference = (dockside: Dockside) => async (node?: unknown) => {
  const tag = tagNodeOf(dockside, node, 'copy its reference');
  if (!tag) return;
  await vscode.env.clipboard.writeText(tagReference(tag));
};

export const copyRegistryDigest = (dockside: Dockside) => async (node?: unknown) => {
  const given = node as RegistryNode | undefined;
  if (given?.kind === 'detail' && given.copy) {
    await vscode.env.clipboard.writeText(given.copy);
    return;
  }
  const tag = tagNodeOf(dockside, node, 'copy its digest');
  if (!tag) return;
  try {
    await vscode.env.clipboard.writeText(digestReference(tag, (await detailsOf(dockside, tag)).digest));
  } catch (error) {
    void dockside.notices.error(`Could not read the digest of ${tagReference(tag)}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

export const inspectRegistryTag = (dockside: Dockside) => async (node?: unknown) => {
  const tag = tagNodeOf(dockside, node, 'inspect its manifest');
  if (tag) await dockside.inspectDocuments.show(RegistriesView.manifestTarget(tag));
};

/** Deletes the manifest a tag points to, by digest, after a confirmation naming the tag and the digest. */
export const deleteRegistryTag = (dockside: Dockside) => async (node?: unknown) => {
  const tag = tagNodeOf(dockside, node, 'delete it');
  if (!tag) return;
  const reference = tagReference(tag);
  try {
    const source = await dockside.registries.sourceFor(tag.entry);
    if (!source.deleteDigest) {
      void dockside.notices.error(`${tag.entry.label} cannot delete through its API from here; delete ${reference} on its website.`);
      return;
    }
    const { digest } = await detailsOf(dockside, tag);
    const choice = await dockside.prompts.warning(
      `Delete ${reference} from ${tag.entry.label}?`,
      { modal: true, detail: `This deletes the manifest ${digest} in the registry, and with it every tag of ${tag.repository} that points to it. It cannot be undone.` },
      'Delete',
    );
    if (choice !== 'Delete') return;
    await source.deleteDigest(tag.repository, digest, new AbortController().signal);
    dockside.registries.refresh({ kind: 'repository', id: tag.id.slice(0, tag.id.lastIndexOf(':')), entry: tag.entry, repository: tag.repository });
    void dockside.notices.info(`Deleted ${reference} (${digest}).`);
  } catch (error) {
    void dockside.notices.error(`Could not delete ${reference}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

export const loadMoreRegistryItems = (dockside: Dockside) => async (node?: unknown) => {
  const more = node as RegistryNode | undefined;
  if (more?.kind === 'more') await dockside.registries.model.loadMore(more);
};

export const refreshRegistries = (dockside: Dockside) => (node?: unknown) => {
  const given = node as RegistryNode | undefined;
  dockside.registries.refresh(given && given.kind !== 'message' && given.kind !== 'more' && given.kind !== 'detail' ? given : undefined);
};

/** How each node of the Registries view looks: label, description, icon, menus (contextValue). Pure. */
import type { RegistryNode } from './registryTree';

export interface RegistryItem {
  label: string;
  description?: string;
  tooltip?: string;
  /** For `view/item/context` menus: registryV2, registryHub, registryAdded…, registryRepository, registryTag, registryDetail, registryMore. */
  contextValue: string;
  collapsible: boolean;
  icon: string;
  /** A command run on click (the "more…" node loads the next page). */
  command?: { command: string; title: string };
}

export const loadMoreCommand = 'dockside.registries.loadMore';

/** The full reference of a tag: `host:port/repo:tag` (no host for Docker Hub). */
export function tagReference(node: Extract<RegistryNode, { kind: 'tag' }>): string {
  return `${node.entry.referencePrefix}${node.repository}:${node.tag}`;
}

/** The reference by digest: `host:port/repo@sha256:…`. */
export function digestReference(node: Extract<RegistryNode, { kind: 'tag' }>, digest: string): string {
  return `${node.entry.referencePrefix}${node.repository}@${digest}`;
}

export function presentRegistryNode(node: RegistryNode): RegistryItem {
  switch (node.kind) {
    case 'registry': {
      const entry = node.entry;
      const states = [entry.loggedIn ? 'logged in' : undefined, entry.added ? undefined : 'from the Docker login'].filter(Boolean);
      return {
        label: entry.label,
        description: states.join(', ') || undefined,
        tooltip: entry.kind === 'hub' ? `Docker Hub${entry.namespace ? ` repositories of ${entry.namespace}` : ''}` : `${entry.baseUrl}${entry.caFile ? ` (CA ${entry.caFile})` : ''}`,
        contextValue: `registry${entry.kind === 'hub' ? 'Hub' : 'V2'}${entry.added ? 'Added' : ''}${entry.loggedIn ? 'LoggedIn' : ''}`,
        collapsible: true,
        icon: entry.kind === 'hub' ? 'cloud' : 'server',
      };
    }
    case 'repository':
      return { label: node.repository, contextValue: 'registryRepository', collapsible: true, icon: 'repo', tooltip: `${node.entry.referencePrefix}${node.repository}` };
    case 'tag':
      return {
        label: node.tag,
        description: node.details ? node.details.digest.slice(0, 19) : undefined,
        tooltip: tagReference(node),
        contextValue: 'registryTag',
        collapsible: true,
        icon: 'tag',
      };
    case 'detail':
      return { label: node.label, description: node.description, contextValue: node.copy ? 'registryDetailCopyable' : 'registryDetail', collapsible: false, icon: 'info' };
    case 'more':
      return {
        label: 'more…',
        description: `${node.loaded} loaded`,
        tooltip: 'Load the next page',
        contextValue: 'registryMore',
        collapsible: false,
        icon: 'ellipsis',
        command: { command: loadMoreCommand, title: 'Load More' },
      };
    case 'message':
      return { label: node.text, contextValue: node.problem ? 'registryProblem' : 'registryMessage', collapsible: false, icon: node.problem ? 'warning' : 'info', tooltip: node.text };
  }
}

import type Docker from 'dockerode';
import { composeLabels, containerName } from '../explorer/present/containers';
import type { WatchedContainer } from './statsReadings';

/** What a stats panel shows: one container, the containers of a Compose project, or the whole engine. */
export type StatsScope = { kind: 'container'; id: string; name: string } | { kind: 'composeProject'; name: string } | { kind: 'engine' };

export function scopeKey(scope: StatsScope): string {
  switch (scope.kind) {
    case 'container':
      return `container:${scope.id}`;
    case 'composeProject':
      return `composeProject:${scope.name}`;
    case 'engine':
      return 'engine';
  }
}

export function scopeTitle(scope: StatsScope): string {
  switch (scope.kind) {
    case 'container':
      return `Stats: ${scope.name}`;
    case 'composeProject':
      return `Stats: Compose project ${scope.name}`;
    case 'engine':
      return 'Stats: all running containers';
  }
}

/** The running containers of the scope, from a container list. Pure. */
export function scopeContainers(scope: StatsScope, containers: Iterable<Docker.ContainerInfo>): WatchedContainer[] {
  const result: WatchedContainer[] = [];
  for (const container of containers) {
    if (container.State !== 'running') continue;
    const inScope =
      scope.kind === 'engine' ||
      (scope.kind === 'container' && container.Id === scope.id) ||
      (scope.kind === 'composeProject' && container.Labels?.[composeLabels.project] === scope.name);
    if (inScope) result.push({ id: container.Id, name: containerName(container) });
  }
  return result;
}

/** What the page says when the scope has no running container. */
export function emptyScopeText(scope: StatsScope): string {
  switch (scope.kind) {
    case 'container':
      return `${scope.name} is not running: its figures show again when it starts.`;
    case 'composeProject':
      return `No container of ${scope.name} is running.`;
    case 'engine':
      return 'No container is running.';
  }
}

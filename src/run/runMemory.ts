/** The last run options per image reference, kept in the workspace state ("Run again", "Copy as docker run"). */
import { MementoLike, RecentMap } from '../stream/recentMap';
import type { RunSpec } from './runSpec';

export class RunMemory {
  private readonly map: RecentMap<RunSpec>;

  constructor(memento: MementoLike) {
    this.map = new RecentMap(memento, 'dockside.run.specs');
  }

  forImage(image: string): RunSpec | undefined {
    return this.map.get(image);
  }

  /** Images with a remembered run, most recent first. */
  images(): string[] {
    return this.map.all().map(([image]) => image);
  }

  remember(spec: RunSpec): Promise<void> {
    return this.map.set(spec.image, spec);
  }
}

/** The spec a first run of an image starts from. */
export function defaultRunSpec(image: string): RunSpec {
  return { image, ports: [], env: [], volumes: [], restart: { name: 'no' }, command: [], interactive: false };
}

/** The last build choices per Dockerfile, kept in the workspace state; the most recent is "Build again". */
import { MementoLike, RecentMap } from '../stream/recentMap';

export interface BuildChoices {
  /** Absolute paths. */
  dockerfile: string;
  contextDir: string;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
}

export class BuildMemory {
  private readonly map: RecentMap<BuildChoices>;

  constructor(memento: MementoLike) {
    this.map = new RecentMap(memento, 'dockside.build.choices');
  }

  forDockerfile(dockerfile: string): BuildChoices | undefined {
    return this.map.get(dockerfile);
  }

  /** The choices of the most recent build of any Dockerfile. */
  last(): BuildChoices | undefined {
    return this.map.all()[0]?.[1];
  }

  remember(choices: BuildChoices): Promise<void> {
    return this.map.set(choices.dockerfile, choices);
  }
}

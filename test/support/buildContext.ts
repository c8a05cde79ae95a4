/**
 * A throwaway build context for engine build tests: registers the suite's `before`/`after` hooks, hands out
 * the engine, the context folder, a tag of the test's own and the image ids builds printed, and removes after
 * the suite the tagged image, the untagged images those builds left and the folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import type Docker from 'dockerode';
import type { BuildRequest } from '../../src/build/buildRunner';
import { ensureEngine, testLabels } from './engine';

export interface BuildContextFixture {
  readonly docker: Docker;
  readonly contextDir: string;
  readonly tag: string;
  /** Image ids the builds printed or produced; the untagged ones are removed after the suite. */
  readonly imageIds: Set<string>;
  /** Writes a file of the context, making its folders. */
  write(relative: string, content: string): void;
  /** A request building the context's Dockerfile with the test tag and label. */
  request(overrides?: Partial<BuildRequest>): BuildRequest;
  /** What `script` prints (stdout and stderr) in a throwaway container of `image`, removed after. */
  outputOf(image: string, script: string): Promise<string>;
}

/** Non-TTY logs come framed: an 8-byte header (stream, size) before each chunk. */
function unframe(logs: Buffer): string {
  let text = '';
  for (let offset = 0; offset + 8 <= logs.length; ) {
    const size = logs.readUInt32BE(offset + 4);
    text += logs.subarray(offset + 8, offset + 8 + size).toString();
    offset += 8 + size;
  }
  return text;
}

export function useBuildContext(name: string): BuildContextFixture {
  let docker: Docker | undefined;
  let contextDir: string | undefined;
  const tag = `dockside-test/${name}-${process.pid}:1`;
  const imageIds = new Set<string>();
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) {
      throw new Error('the build context is used before the suite started');
    }
    return value;
  };

  before(async () => {
    docker = await ensureEngine();
    contextDir = fs.mkdtempSync(path.join(os.tmpdir(), `dockside-${name}-`));
  });

  after(async () => {
    const engine = ready(docker);
    await engine.getImage(tag).remove({ force: true }).catch(() => undefined);
    for (const id of imageIds) {
      const info = await engine.getImage(id).inspect().catch(() => undefined);
      if (info && (info.RepoTags ?? []).length === 0) {
        await engine.getImage(id).remove().catch(() => undefined);
      }
    }
    fs.rmSync(ready(contextDir), { recursive: true, force: true });
  });

  return {
    get docker() {
      return ready(docker);
    },
    get contextDir() {
      return ready(contextDir);
    },
    tag,
    imageIds,
    write(relative, content) {
      const file = path.join(ready(contextDir), relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    },
    request(overrides = {}) {
      const dir = ready(contextDir);
      return { contextDir: dir, dockerfile: path.join(dir, 'Dockerfile'), tags: [tag], buildArgs: {}, labels: { ...testLabels }, ...overrides };
    },
    async outputOf(image, script) {
      const engine = ready(docker);
      const container = await engine.createContainer({ Image: image, Cmd: ['sh', '-c', script], Labels: { ...testLabels }, HostConfig: { NetworkMode: 'none' } });
      try {
        await container.start();
        await container.wait();
        return unframe((await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer);
      } finally {
        await container.remove({ force: true });
      }
    },
  };
}
